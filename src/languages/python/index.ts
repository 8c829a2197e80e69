import { createFileScanSession } from "../../scan/file-session.js";
import type { Language } from "../language.js";
import { pythonNeedles } from "./accessors.js";

/** Python (Django, django-waffle): parsed with tree-sitter's WASM grammar, loaded when a file needs it. */
export const pythonLanguage: Language = {
  name: "python",
  extensions: [".py"],
  needles: pythonNeedles,
  async openScanSession() {
    const { pythonScanner } = await import("./scanner.js");
    return createFileScanSession(pythonScanner);
  },
  registryLoaders: {
    python: async (source, context) => (await import("./registry.js")).loadPythonRegistry(source, context),
    "django-migrations": async (source, context) => (await import("./django-migrations.js")).loadDjangoMigrationsRegistry(source, context),
  },
  async loadCleanup() {
    return (await import("./cleanup/python.js")).pythonCleanup;
  },
};
