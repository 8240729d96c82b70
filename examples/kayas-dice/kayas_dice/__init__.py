"""kayas-dice: dice rolls for Kayas, registered through the `kayas.tools` entry point."""
