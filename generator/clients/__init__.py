"""Typed method clients rendered from method specs: Python over b24pysdk, a TypeScript method map
over @bitrix24/b24jssdk, PHP array shapes (`render_clients`)."""
