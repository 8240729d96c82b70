"""Slot pools of the out-of-scope requests: the places, people, devices and things people
name when they ask an assistant for what Kayas has no tool for.

Only said, never passed: every plan of these requests is `[]`, so the pools need no
canonical values, only many real names (which also keeps the brain from learning that
one city or one lamp means "no tool").
"""
from __future__ import annotations

import re

from kayas.data.pools import as_said, parses, spoken, unquote


def listed(items: list[str], quote: float = 0.0):
    """Free text from a list; read back (kayas.data.reverse) only when it is one of the
    list's items, so a reader of these templates never takes any words for a city."""
    known = {k for t in items for k in (t.lower(), spoken(t))}
    sampler = parses(lambda said: unquote(said) if unquote(said).lower() in known else None)(as_said(items, quote))
    sampler.surfaces = "[\"']?(?:" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True)) + ")[\"']?"
    return sampler


def _split(text: str) -> list[str]:
    return [t.strip() for t in text.replace("\n", "").split("|") if t.strip()]


CITIES = _split("""Leeds|London|Paris|Berlin|New York|Chicago|Tokyo|Sydney|Toronto|Madrid|Rome|Lisbon|Dublin|Boston|
Seattle|Austin|Denver|Mumbai|Delhi|Lagos|Nairobi|Cairo|Mexico City|Sao Paulo|Buenos Aires|Oslo|Stockholm|Amsterdam|
Prague|Vienna|Manchester|Glasgow|Edinburgh|Bristol|Cardiff|Melbourne|Auckland|Vancouver|Miami|Phoenix|Atlanta|
Singapore|Seoul|Bangkok|Istanbul|Athens|Zurich|Munich|Lyon|Barcelona|Kyoto|Cape Town|Dubai|Hong Kong|San Francisco|
Los Angeles|Portland|Nashville|New Orleans|Brighton|York|Bath|Cork|Belfast|Newcastle|Sheffield|Liverpool|Nottingham|
Hamburg|Milan|Naples|Krakow|Warsaw|Budapest|Copenhagen|Helsinki|Reykjavik|Montreal|Calgary|Perth|Brisbane|Lima|
Bogota|Santiago|Accra|Johannesburg|Marrakech|Tel Aviv|Beijing|Shanghai|Osaka|Manila|Jakarta|Hanoi|Bali|Honolulu|
Las Vegas|Dallas|Houston|Philadelphia|Washington|Minneapolis|Detroit|Salt Lake City|Anchorage|Orlando|San Diego""")

COUNTRIES = _split("""Japan|France|Spain|Italy|Germany|Canada|Mexico|Brazil|India|China|Australia|Thailand|Vietnam|
Morocco|Egypt|Kenya|South Africa|Turkey|Greece|Portugal|Ireland|Iceland|Norway|Sweden|the US|the UK|New Zealand|
Argentina|Peru|Colombia|Indonesia|the Philippines|South Korea|Poland|Croatia|the Netherlands|Switzerland|Cuba""")

WHEN = _split("""today|tonight|tomorrow|this weekend|on Tuesday|next week|on Friday|tomorrow morning|this afternoon|
on Saturday night|in the morning|later today|on the 14th|this evening|next Monday|over the weekend|on Sunday|
tomorrow night|this Thursday|next weekend|on Wednesday afternoon|for the rest of the week|on Christmas day|
at the weekend|on Monday morning|in the afternoon|right now|for the next few hours|over the next three days""")

DAYS = _split("""Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Friday afternoon|Monday morning|the 3rd|
June 12th|the 21st|Sunday evening|the first of May|Tuesday night|Saturday morning|the 15th|March 3rd""")

TIMES = _split("""7|7am|6:30|half past six|7:15 am|noon|9 pm|5:45|quarter to eight|10 o'clock|6 in the morning|
11:30 tonight|8|5 am|6:45|8:30 in the morning|midnight|4pm|2:15|ten thirty|seven|six fifteen|9|3 o'clock|1:30 pm""")

DURATIONS = _split("""5 minutes|10 minutes|half an hour|20 mins|an hour|90 seconds|3 minutes|45 minutes|two hours|
25 minutes|1 minute|15 min|thirty seconds|an hour and a half|12 minutes|4 minutes|eight minutes|40 minutes|2 hours""")

PEOPLE = _split("""Greg|Mom|Dad|Sarah|John|grandma|my sister|my brother|Priya|Tom|the doctor|my boss|Aunt Linda|Jake|
Maria|the plumber|Chen|Olivia|my wife|my husband|the dentist|Uncle Bob|my landlord|Emma|Noah|Liam|Ahmed|Sofia|Dave|
Kate|Mike|Jess|Grandpa|my mum|my dad|Raj|Lucy|Ben|Hannah|Carlos|Yuki|Fatima|Pete|the babysitter|my neighbour|Alex|
Sam|Chris|Nina|Omar|Leo|Zoe|my girlfriend|my boyfriend|Auntie May|the vet|Dr. Patel|Mr. Jones|the school office""")

ROOMS = _split("""kitchen|living room|bedroom|bathroom|hallway|office|garage|basement|porch|garden|dining room|
kids' room|upstairs|downstairs|front room|study|spare room|loft|nursery|landing|conservatory|patio|master bedroom""")

LIGHTS = _split("""lights|light|lamp|ceiling light|fairy lights|porch light|reading lamp|floor lamp|lamps|LED strip|
spotlights|desk lamp|bedside lamp|downlights|string lights|light bulb|big light|pendant light""")

APPLIANCES = _split("""TV|heating|air conditioning|AC|fan|heater|oven|kettle|coffee machine|dishwasher|washing machine|
dryer|robot vacuum|Roomba|sprinklers|humidifier|dehumidifier|air purifier|hot water|boiler|electric blanket|radiator|
fireplace|smart plug|tumble dryer|ceiling fan|slow cooker|hoover|towel rail|underfloor heating|microwave|espresso machine|
rice cooker|pool pump|hot tub|extractor fan|water heater|toaster|space heater""")

DOORS = _split("""front door|back door|garage door|car|shed|gate|patio door|side door|garage|back gate|garden gate|
bike lock|cat flap|the door|the deadbolt|smart lock|balcony door|basement door""")

OPENABLES = _split("""blinds|curtains|garage door|gate|shutters|skylight|bedroom window|kitchen window|awning|
living room blinds|roller shutter|bathroom window|sunroof|velux|curtains in the lounge|office blinds|back window""")

TEMPS = _split("""21 degrees|68|70 degrees|19|22 C|72 degrees Fahrenheit|18|20|23 degrees|65|75|16 degrees|24|
nineteen degrees|a comfy 21""")

LEVELS = _split("""50%|30 percent|half|20 percent|75%|full|10%|max|minimum|40 percent|a bit lower|level 3|5|80%""")

CHANNELS_TV = _split("""BBC One|channel 4|CNN|ESPN|Netflix|the news|HBO|Disney Plus|the football|ITV|Fox|
the weather channel|Sky Sports|Prime Video|Hulu|the cooking channel|Nickelodeon|CBS|the History Channel""")

SHOWS = _split("""Stranger Things|The Office|Breaking Bad|Severance|The Bear|Dune|Oppenheimer|Friends|Succession|
The Crown|Bluey|Game of Thrones|The Last of Us|Bake Off|Love Island|Only Murders in the Building|Ted Lasso|
the new Marvel movie|Top Gun Maverick|Barbie|Wednesday|The Mandalorian|Squid Game|Planet Earth|Match of the Day""")

FOODS = _split("""pizza|sushi|Thai food|a burrito|Chinese takeaway|curry|a burger|tacos|pho|ramen|fried chicken|
a salad|Indian|a kebab|a falafel wrap|fish and chips|dim sum|a poke bowl|noodles|a pepperoni pizza|wings|
a chicken shawarma|bubble tea|a flat white|bagels|a large latte|donuts|Korean barbecue""")

DISHES = _split("""lasagna|banana bread|chicken curry|risotto|pancakes|a Sunday roast|chili con carne|guacamole|
a chocolate cake|beef stew|pad thai|shepherd's pie|carbonara|hummus|paella|brownies|scrambled eggs|a Victoria sponge|
mac and cheese|French toast|a lemon drizzle cake|chicken soup|fajitas|a stir fry|tiramisu|meatballs|a quiche|
roast potatoes|Yorkshire puddings|a margherita pizza|apple crumble|butter chicken|tomato soup|omelette|cookies""")

INGREDIENTS = _split("""eggs|butter|buttermilk|sour cream|baking soda|self-raising flour|heavy cream|lemons|garlic|
chicken breast|rice|tofu|cumin|cornstarch|brown sugar|milk|yeast|spinach|mushrooms|chickpeas|basil|parmesan|
coconut milk|honey|ground beef|potatoes|avocado|olive oil|onions|white wine""")

ITEMS = _split("""printer ink|paper towels|AA batteries|dog food|a phone charger|toilet paper|coffee pods|
laundry detergent|new running shoes|a birthday present for my niece|cat litter|dishwasher tablets|a desk lamp|
an HDMI cable|vitamins|a new kettle|bin bags|a yoga mat|headphones|a winter coat|light bulbs|washing up liquid|
nappies|a phone case|a USB stick|shampoo|a water bottle|socks|a new mattress|a gift card|flowers for mum|
a bag of rice|sunscreen|an umbrella|a bike helmet|protein powder|a lawn mower|a standing desk""")

GROCERIES = _split("""eggs|milk|bread|bananas|apples|cheese|butter|coffee|tea bags|pasta|rice|tomatoes|onions|
potatoes|chicken|yoghurt|orange juice|cereal|oat milk|bacon|carrots|peppers|ice cream|crisps|cat food|fries|
ginger ale|paper towels|toilet roll|olive oil|flour|sugar|avocados|lemons|garlic|beer|wine|biscuits|grapes|salmon""")

STORES = _split("""Amazon|Tesco|Walmart|Target|Sainsbury's|Costco|IKEA|Argos|Best Buy|eBay|Whole Foods|Lidl|
the pharmacy|Boots|Asda|Aldi|Home Depot|Etsy|Trader Joe's|Waitrose|Ocado|Instacart|Currys|John Lewis""")

RESTAURANTS = _split("""Nando's|Olive Garden|Pizza Express|Wagamama|Dishoom|the Italian place on Main Street|Chipotle|
Dominos|McDonald's|the sushi place downtown|Five Guys|Pret|Shake Shack|Zizzi|Wendy's|the Thai place round the corner|
Taco Bell|Starbucks|Costa|the pub on the corner|Franco's|the new ramen bar|Subway|KFC|Burger King|Pizza Hut""")

CUISINES = _split("""Italian|Thai|Mexican|Indian|Chinese|Japanese|vegan|Greek|Lebanese|Korean|Vietnamese|seafood|
steak|brunch|vegetarian|French|Ethiopian|tapas""")

TEAMS = _split("""Leeds United|Arsenal|the Lakers|the Yankees|Manchester United|Liverpool|the Patriots|the Chiefs|
Real Madrid|Barcelona|the Warriors|the Cubs|Celtic|the All Blacks|England|the Red Sox|Chelsea|Man City|the Bulls|
the Packers|Tottenham|the Celtics|Bayern|PSG|the Dodgers|the Eagles|Juventus|Rangers|the Knicks|Newcastle|
the Maple Leafs|Ireland|Wales|India|the Cowboys|Aston Villa|the Giants|Inter Miami|the Mets|the Heat""")

EVENTS_SPORT = _split("""the World Cup|the Super Bowl|Wimbledon|the Grand Prix|the Masters|the Tour de France|the Olympics|
the Champions League final|the NBA finals|the Ashes|the Six Nations|the US Open|the derby|the F1 race|
the Boston marathon|the boxing|the cup final|the Ryder Cup|the Euros|March Madness""")

TOPICS = _split("""the election|the economy|the stock market|Ukraine|climate change|the strike|interest rates|tech|
AI|the budget|the weather warnings|local news|the royal family|SpaceX|the housing market|the trial|the war|
the hurricane|the train strikes|inflation|the Fed|the World Cup|the earthquake|Apple's new phone|the heatwave|
the floods|the teachers' strike|the new prime minister|the bird flu|crypto""")

STOCKS = _split("""Apple|Tesla|Microsoft|Nvidia|Amazon stock|the S&P 500|the FTSE|Bitcoin|Ethereum|the Dow|gold|
Google|Meta|the Nasdaq|oil|the pound|the euro|Netflix stock|Rolls-Royce shares|my index fund""")

AMOUNTS = _split("""$50|£20|100 dollars|250 euros|$1,200|thirty quid|75 bucks|£500|$15|ten pounds|$300|
40 euros|a hundred bucks|£12.50|$2,000|fifty dollars|£80|$9.99""")

ACCOUNTS = _split("""savings|checking|my current account|my joint account|the ISA|my credit card|my savings account|
the holiday fund|my business account|my Monzo|my PayPal|the kids' account""")

BILLS = _split("""electricity bill|phone bill|rent|water bill|gas bill|internet bill|credit card bill|council tax|
car insurance|mortgage|gym membership|Netflix subscription|TV licence|student loan|energy bill|broadband""")

SPEND = _split("""food|groceries|eating out|Amazon|coffee|petrol|gas|clothes|entertainment|takeaways|travel|
subscriptions|Uber rides|the kids|bills""")

LANGS = _split("""Spanish|French|German|Italian|Japanese|Mandarin|Portuguese|Korean|Arabic|Hindi|Dutch|Polish|
Russian|Greek|Swedish|Turkish|Welsh|Irish|Cantonese|Vietnamese|Thai|Hebrew|Swahili|Ukrainian""")

PHRASES = _split("""thank you|good morning|where is the bathroom|how much does this cost|I love you|nice to meet you|
the bill please|I'm allergic to nuts|excuse me|happy birthday|see you tomorrow|can I have a coffee|I don't understand|
where is the train station|cheers|good night|one beer please|my name is Sam|help|I'm lost|do you speak English|
what time is it|sorry|congratulations|I'm vegetarian|two tickets please|merry Christmas|how are you""")

FOREIGN = _split("""danke|merci beaucoup|arigato|gracias|hola|ciao|bonjour|obrigado|schadenfreude|hygge|
wanderlust|c'est la vie|mañana|salud|au revoir|namaste|sayonara|prost|por favor|bon appetit""")

WORDS = _split("""ephemeral|serendipity|necessary|ubiquitous|onomatopoeia|quinoa|rhythm|definitely|accommodate|gauge|
conscientious|liaise|entrepreneur|Wednesday|schadenfreude|break a leg|pneumonia|bureaucracy|colonel|mischievous|
embarrass|hors d'oeuvre|cat got your tongue|procrastinate|facetious|supercilious|ostensibly|quixotic|gregarious""")

CONVERSIONS = _split("""5 miles to kilometers|200 grams to cups|30 celsius to fahrenheit|6 feet to meters|a gallon to liters|
3 tablespoons to ml|10 stone to kilos|70 kg to pounds|350 fahrenheit to celsius|2 cups to ounces|100 km to miles|
an inch to centimetres|500 ml to pints|5 foot 10 to cm|a marathon to miles|180 pounds to stone|1 acre to square meters|
12 ounces to grams|a pint to ml|40 mph to kph|2 liters to gallons|a teaspoon to grams|100 yards to meters""")

CURRENCIES = _split("""100 dollars to euros|50 pounds to dollars|1000 yen to pounds|200 euros to dollars|
a pound to rupees|500 kroner to euros|20 dollars to pesos|£300 to euros|a bitcoin to dollars|1,000 baht to pounds""")

MATHS = _split("""15% of 80|12 times 13|the square root of 144|345 divided by 5|2 to the power of 10|
a 20 percent tip on 65 dollars|7 plus 8 times 2|17 squared|one third as a percentage|the average of 4, 8 and 15|
256 minus 89|3.5 times 4|8 factorial|30% off 279|45 plus 67|1,200 divided by 12|99 times 7|9 cubed|
the cube root of 27|18 percent of 250|half of 3/4|a 15% tip on $48|150 plus 15 percent|40 divided by 0.5""")

FACTS = _split("""how tall is the Eiffel Tower|who invented the telephone|when did World War 2 end|how far away is the sun|
what's the population of Brazil|who painted the Mona Lisa|what's the capital of Australia|
how many bones are in the human body|what's the boiling point of water|who was the first man on the moon|
how old is the universe|what's the tallest mountain in Africa|how deep is the ocean|who wrote Pride and Prejudice|
what year did the Titanic sink|how many people live in Tokyo|what's the longest river in the world|
who discovered penicillin|how fast is the speed of light|what's the biggest planet|how many states are in the US|
when was the Great Wall built|what language do they speak in Brazil|who is the richest person in the world|
how many calories should I eat a day|what's the smallest country in the world|why do cats purr|
how long do elephants live|what is the speed of sound|who won the first World Cup|how many moons does Jupiter have|
what's the chemical symbol for gold|how many hearts does an octopus have|who was Cleopatra|
what causes the northern lights|how many continents are there|when was the printing press invented|
what does DNA stand for|who built the pyramids|how hot is the sun|what's the oldest city in the world""")

PLACES = _split("""the airport|work|home|the nearest gas station|the train station|the hospital|the city centre|
Grandma's house|the office|the beach|the mall|the gym|the supermarket|the nearest pharmacy|the stadium|
Central Park|the school|Heathrow|JFK|the Tate Modern|the zoo|the nearest ATM|the post office|downtown|
the dentist|King's Cross|the museum|the library|123 Baker Street|the hotel|the park|the ferry terminal|
the nearest charging station|the vet|the cinema|the golf course|my parents' place|the ski resort""")

POIS = _split("""gas station|petrol station|coffee shop|pharmacy|ATM|supermarket|hospital|EV charger|parking garage|
bus stop|Starbucks|post office|bakery|hardware store|vet|urgent care|cash machine|public toilet|bike shop""")

ROADS = _split("""the M6|the M25|I-95|the 405|the A1|the ring road|the bridge|the motorway|Highway 101|the I-5|
the way to work|the school run|my commute|the bypass|the tunnel|the M62|the high street""")

EVENTS = _split("""dinner with Sarah|the dentist|a team meeting|Tom's birthday party|yoga class|a call with the bank|
the school play|lunch with Priya|the job interview|my flight to Rome|the parent-teacher meeting|date night|
football practice|the quarterly review|a haircut|the vet appointment|book club|the kids' recital|a one-on-one with my boss|
the budget meeting|Grandma's 90th|a doctor's appointment|the gym|piano lessons|the wedding|the conference call""")

TASKS = _split("""call Greg|buy milk|pick up the kids|take my pills|water the plants|pay the rent|call the dentist|
take the bins out|check the oven|walk the dog|book the MOT|feed the cat|stretch|drink some water|call mom back|
pick up the dry cleaning|defrost the chicken|charge my phone|move the car|leave for the airport|submit my timesheet|
renew my passport|buy a birthday card|take the cake out|ring the garage|cancel the free trial|put the washing out|
get petrol|order more coffee|check the post|lock the back door|text Sam back|pay the credit card|go to bed""")

TOPICS_SHORT = _split("""the invoice|the rent|the trip|the party|dinner|the contract|the flight|my order|the delivery|
the meeting|the kids|the refund|the interview|the school trip|the parcel|the job|the payment""")

SOCIAL = _split("""Instagram|Facebook|Twitter|X|TikTok|LinkedIn|Snapchat|Threads|Bluesky|Pinterest|Mastodon|BeReal""")

CHAT_APPS = _split("""WhatsApp|iMessage|Messenger|Signal|Telegram|WeChat|Viber""")

PHONE_NUMBERS = _split("""555 0199|07700 900123|911|999|the office|0800 123 4567|212 555 0147|the last number|
this number|112|the doctor's surgery|1-800-555-0100""")

SHORT_MSGS = _split("""I'm running late|I'm on my way|call me back|dinner's ready|I love you|see you soon|
happy birthday|can you pick up milk|I'll be home at 6|where are you|are we still on for tonight|I'm outside|
running ten minutes behind|good luck today|thanks for today|the kids are asleep|don't forget the tickets|
I landed|miss you|I'll call you later|bring a jacket|meet me at the station""")

EMAIL_FROM = _split("""my boss|Amazon|the bank|HR|Priya|Tom|the school|my landlord|LinkedIn|the airline|
the council|Sarah|the recruiter|my accountant|IT|the client|Netflix|PayPal|the dentist|Mom""")

HOLIDAYS = _split("""Christmas|Easter|Halloween|Thanksgiving|New Year's|my birthday|Mother's Day|Father's Day|
the summer holidays|Diwali|Eid|Hanukkah|Valentine's Day|the bank holiday|Labor Day|Bonfire Night""")

SYMPTOMS = _split("""a headache|a sore throat|a cough|a fever|back pain|a cold|hay fever|a migraine|heartburn|
a sprained ankle|a rash|trouble sleeping|a stomach ache|a runny nose|tight shoulders""")

GADGETS = _split("""headphones|AirPods|earbuds|the speaker|my phone|my watch|the keyboard|the mouse|the car stereo|
the soundbar|my Fitbit|the printer|the projector|my tablet|the game controller|the TV""")

NETWORKS = _split("""the office wifi|my hotspot|the guest network|home wifi|the hotel wifi|eduroam|the cafe wifi|
BT Hub 5G|the 5 gig network|the upstairs extender""")

NAMES = _split("""Max|Jarvis|Friday|Sam|Captain|Nova|Buddy|Boss|Alex|Sunny|Luna|Ziggy|Sir|Dave|Chief|Rosie""")

ACCENTS = _split("""British|Australian|American|Irish|Scottish|Indian|Canadian|South African|posh|Southern""")

PHYSICAL = _split("""keys|car keys|glasses|wallet|phone|charger|umbrella|shoes|remote|headphones|passport|
sunglasses|purse|watch|earrings|bike lock key|reading glasses|gloves|backpack|airpods|TV remote|ring|house keys""")

CHORES = _split("""the kitchen|the house|my room|the bathroom|the garage|the closet|the car|the garden|the fridge|
the kids' room|the living room|the oven|the windows|the attic|the shed|the basement|the spare room|the patio|
the floors|the whole flat""")

# ---------------------------------------------------------------- round 6: the classes still missed
# Apps Kayas has no tool for: posting, messaging, boards and notes live there, not in Slack or email.
POST_APPS = _split("""Instagram|Facebook|Twitter|X|LinkedIn|TikTok|Snapchat|Threads|Bluesky|Pinterest|Mastodon|
Tumblr|Reddit|YouTube|my Instagram story|my Facebook page|my LinkedIn|the company LinkedIn page|Insta|FB|BeReal|
Flickr|Strava|Goodreads|Letterboxd|Substack|Medium""")
MSG_APPS = _split("""WhatsApp|Telegram|Signal|Discord|Messenger|Facebook Messenger|Teams|Microsoft Teams|Teams chat|
iMessage|WeChat|Viber|Skype|Google Chat|Zoom chat|Instagram DMs|Snapchat|LINE|Kik|the family WhatsApp""")
TASK_APPS = _split("""Trello|Asana|Notion|Todoist|Google Keep|Evernote|OneNote|Jira|Microsoft To Do|the Reminders app|
Apple Notes|the Notes app|Things|TickTick|Any.do|Google Tasks|ClickUp|Monday|Basecamp|Confluence|Obsidian|Bear|
Airtable|Linear|Wunderlist|Keep|Miro|Google Docs|my Notion page|the Jira board|Trello board""")
BOARDS = _split("""the Marketing board|my Home board|the sprint board|the Backlog|the Doing column|the To Do column|
the Q3 roadmap|my Personal workspace|the Launch project|the team board|the Shopping note|my Ideas page|
the Kitchen renovation board|the Wedding planning board|the Bugs project|the Inbox list|my Work notebook""")
TEAM_CHANNELS = _split("""general|design|engineering|marketing|sales|support|random|dev|ops|announcements|
product|hiring|gaming|memes|off-topic|homework|music|events""")
GROUPS = _split("""the family group|the football group chat|the team chat|the book club group|the uni group|
the neighbours group|my work group|the gaming server|the parents group|the group chat|the housemates chat|
the running club|the five-a-side group|the wedding group|the cousins chat""")
POSTS = _split("""this photo|a photo|my last photo|this picture|the video from yesterday|a story|a reel|my new headshot|
the holiday pics|this meme|a selfie|the sunset picture|my workout|the screenshot|a poll|this link|the beach photos|
a photo of my dinner|the birthday video|my latest blog post""")
# Lists a user keeps, named by purpose (the same names the filesystem templates write to).
LISTS = _split("""my shopping list|the shopping list|my grocery list|the grocery list|my to-do list|my todo list|
the todo list|my to do list|the to-do list|my packing list|the packing list|my reading list|my wish list|
the chores list|my errands list|my gift list|the guest list|my bucket list|our shopping list|my work todo list|
the list|my list|my groceries list|the weekly shop list|my checklist""")
# Software and how-to questions: the answer is words, not a click or a search.
SOFTWARE = _split("""Word|Microsoft Word|Google Docs|Excel|Google Sheets|PowerPoint|Keynote|Photoshop|GIMP|VS Code|
Chrome|Firefox|Outlook|Gmail|Zoom|Teams|Slack|Spotify|Windows|Windows 11|my Mac|macOS|Linux|Ubuntu|the terminal|
Notepad|Blender|Premiere|Figma|Canva|LibreOffice|Discord|Notion|Pages|Numbers|Illustrator|Lightroom|OBS|Audacity|
iMovie|Google Slides|Visual Studio|IntelliJ|vim|emacs|Safari|Edge|File Explorer|Finder|Excel online""")
SW_ACTIONS = _split("""insert a page break|make text bold|add a table of contents|change the font size|turn on track changes|
add page numbers|merge cells|freeze the top row|make a pivot table|use vlookup|remove the background|crop an image|
split the screen|take a screenshot|record my screen|share my screen|mute myself|change my status|clear the cache|
install an extension|turn on dark mode|undo something|find and replace a word|add a signature|set up an out of office|
run a spell check|change the margins|add a header|insert a picture|wrap text|sort a column|rotate a page|
compress a PDF|zip a folder|make a shortcut|change the wallpaper|use multiple cursors|add a bullet list|
strike through text|change the line spacing|add a footnote|make a chart|blur my background|raise my hand|
export to PDF|add a hyperlink|indent a paragraph|highlight text|change the theme|delete a page|
add a column|hide a row|lock a cell|format a table|centre the text|make a new slide|add transitions|
change the default browser|block pop-ups|bookmark a page|open an incognito window|restore closed tabs""")
CODE_HOWTO = _split("""write a for loop in C++|reverse a string in Python|declare an array in Java|read a file in Python|
center a div in CSS|make an HTTP request in JavaScript|sort a list in Python|undo a git commit|exit vim|
write a while loop in bash|define a function in Rust|concatenate strings in Go|install numpy|
create a virtual environment|use git rebase|write a list comprehension|parse JSON in JavaScript|
make a class in Python|use a switch statement in C|connect to a database in Java|write a unit test|
delete a branch in git|resolve a merge conflict|use async await|write a regex for emails|print hello world in C|
check if a key is in a dict|convert a string to an int in Python|loop over a dictionary|use pointers in C""")
SHELL_HOWTO = _split("""list hidden files|find large files|check my IP address|untar a file|kill a process by port|
see open ports|change file permissions|count lines in a file|check which version of Python I have|
find a file by name|see disk usage|check my RAM|make a script executable|run a command in the background|
schedule a cron job|see running processes|copy a folder|rename lots of files|mount a drive|ssh into a server""")
SW_BUTTONS = _split("""Page Break|Bold|Insert|Table of Contents|Track Changes|Merge Cells|Share|Mute|Format Painter|
Wrap Text|Freeze Panes|Pivot Table|Review|Layout|Design|Developer|Quick Access|Record|Breakout Rooms""")
# Music that Kayas cannot do: skip, playlists, likes, volume, modes.
PLAYLIST_NAMES = _split("""workout|road trip|Chill Vibes|gym|running|party|study|Sunday morning|dinner party|
summer|sleep|focus|driving|wedding|throwbacks|Discover Weekly|liked songs|favourites|rainy day|cooking""")
MODES = _split("""whisper mode|night mode|driving mode|kids mode|party mode|sleep mode|focus mode|quiet mode|
do not disturb|guest mode|conversation mode|continuous conversation|brief mode|privacy mode|dark mode""")
# News and what the web says: the answer would be read out, no tool reads the web to the user.
NEWS_SITES = _split("""BBC|the BBC|BBC News|bbc.co.uk|bbc.com|CNN|cnn.com|the Guardian|theguardian.com|Reuters|
Hacker News|Reddit|r/worldnews|Twitter|X|the New York Times|nytimes.com|ESPN|espn.com|Sky News|Fox News|
the Verge|TechCrunch|Wikipedia|Google News|AP News|Al Jazeera|the Times|NPR|Bloomberg|the FT|Product Hunt|
Medium|my RSS feed|Yahoo Finance|the Washington Post|Sky Sports|BBC Sport|the Daily Mail|Politico|Wired""")
NEWS_THINGS = _split("""the news|the headlines|the top stories|the top story|today's headlines|the latest articles|
the front page|what's trending|the trending topics|the scores|the football scores|the latest scores|the top posts|
the most read articles|the business news|the tech news|the sports news|the breaking news|the latest news|
the main stories|the big stories today|the world news|the local news|the top headlines|the morning headlines""")
# TV, radio and devices.
TV_CHANNELS = _split("""channel 4|channel 5|channel 7|channel 12|BBC One|BBC Two|ITV|ITV2|CNN|ESPN|Fox|CBS|NBC|ABC|
HBO|Sky Sports|Sky One|Sky News|Dave|E4|the Discovery Channel|the History Channel|Nickelodeon|Cartoon Network|
the news channel|MTV|Comedy Central|channel 101|the sports channel|the weather channel|PBS|TNT|Eurosport|More4""")
RADIO = _split("""Radio 1|Radio 2|Radio 4|BBC Radio 6 Music|Capital FM|Heart|NPR|the local station|Classic FM|KEXP|
Kiss FM|LBC|talkSPORT|101.1|98.7 FM|Radio X|Absolute Radio|Magic FM|the radio|the football on the radio|
the traffic report|Jazz FM|KISS 108|Z100|WNYC""")
TV_DEVICES = _split("""the TV|the telly|the television|the TV in the bedroom|the box|the Fire Stick|the Roku|the Apple TV|
the Chromecast|the Xbox|the PlayStation|the projector|the soundbar|the stereo|the radio|the DVD player|
the set-top box|the Sky box|the smart TV|the living room TV|the kitchen radio|the telly upstairs|the TV downstairs""")
GAMES = _split("""the game|the match|the football|the Arsenal game|the F1|the Super Bowl|the Lakers game|the derby|
the cricket|the rugby|the tennis|Wimbledon|the Grand Prix|the boxing|the World Cup final|the Yankees game|
the Champions League|the hockey game|the golf|the darts|the snooker|the Olympics|tonight's match|the big game""")
# Physical things and people: finding them is not a file search.
LOST = _split("""phone|iPhone|keys|car keys|car|glasses|AirPods|remote|TV remote|wallet|purse|dog|cat|bike|laptop|
watch|Apple Watch|earbuds|tablet|iPad|headphones|sunglasses|charger|backpack|umbrella|house keys|ring|
reading glasses|Android phone|Galaxy|Pixel|kindle|work badge|hearing aids|shoes|coat|kids|luggage|suitcase""")

POOLS = {
    "city": listed(CITIES), "city2": listed(CITIES), "country": listed(COUNTRIES), "when": listed(WHEN),
    "day": listed(DAYS), "time": listed(TIMES), "time2": listed(TIMES), "duration": listed(DURATIONS),
    "person": listed(PEOPLE), "person2": listed(PEOPLE), "room": listed(ROOMS), "lights": listed(LIGHTS),
    "appliance": listed(APPLIANCES), "door": listed(DOORS), "openable": listed(OPENABLES), "temp": listed(TEMPS),
    "level": listed(LEVELS), "tvchannel": listed(CHANNELS_TV), "show": listed(SHOWS), "food": listed(FOODS),
    "dish": listed(DISHES), "ingredient": listed(INGREDIENTS), "ingredient2": listed(INGREDIENTS),
    "item": listed(ITEMS), "grocery": listed(GROCERIES), "store": listed(STORES), "restaurant": listed(RESTAURANTS), "cuisine": listed(CUISINES),
    "team": listed(TEAMS), "team2": listed(TEAMS), "sportevent": listed(EVENTS_SPORT), "topic": listed(TOPICS),
    "stock": listed(STOCKS), "amount": listed(AMOUNTS), "account": listed(ACCOUNTS), "bill": listed(BILLS),
    "spend": listed(SPEND), "lang": listed(LANGS), "phrase": listed(PHRASES, quote=0.3),
    "foreign": listed(FOREIGN, quote=0.3), "word": listed(WORDS, quote=0.2), "conversion": listed(CONVERSIONS),
    "currency": listed(CURRENCIES), "maths": listed(MATHS), "fact": listed(FACTS), "place": listed(PLACES),
    "poi": listed(POIS), "road": listed(ROADS), "event": listed(EVENTS), "task": listed(TASKS),
    "about": listed(TOPICS_SHORT), "social": listed(SOCIAL), "chatapp": listed(CHAT_APPS),
    "number": listed(PHONE_NUMBERS), "sms": listed(SHORT_MSGS, quote=0.2), "sender": listed(EMAIL_FROM),
    "holiday": listed(HOLIDAYS), "symptom": listed(SYMPTOMS), "gadget": listed(GADGETS),
    "network": listed(NETWORKS), "aname": listed(NAMES), "accent": listed(ACCENTS), "thing": listed(PHYSICAL),
    "chore": listed(CHORES),
    "postapp": listed(POST_APPS), "msgapp": listed(MSG_APPS), "taskapp": listed(TASK_APPS), "board": listed(BOARDS),
    "group": listed(GROUPS), "post": listed(POSTS), "list": listed(LISTS), "software": listed(SOFTWARE),
    "swaction": listed(SW_ACTIONS), "codehow": listed(CODE_HOWTO), "shellhow": listed(SHELL_HOWTO),
    "swbutton": listed(SW_BUTTONS), "playlist": listed(PLAYLIST_NAMES), "mode": listed(MODES),
    "newssite": listed(NEWS_SITES), "newsthing": listed(NEWS_THINGS), "tvch": listed(TV_CHANNELS),
    "radio": listed(RADIO), "tvdev": listed(TV_DEVICES), "game": listed(GAMES), "lost": listed(LOST),
    "teamchan": listed(TEAM_CHANNELS),
}
