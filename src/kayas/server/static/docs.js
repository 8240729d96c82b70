"use strict";
// Swagger UI for /openapi.json. "Authorize" takes the token; a token this tab's console already
// holds (sessionStorage) is sent without asking.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  requestInterceptor: (req) => {
    const token = sessionStorage.getItem("kayas-token");
    if (token && !req.headers.Authorization) req.headers.Authorization = "Bearer " + token;
    return req;
  },
});
