"""kayas-units: a unit converter for Kayas, registered through the `kayas.tools` entry point."""
