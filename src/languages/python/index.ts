import { createFileScanSession } from "../../scan/file-session.js";
import { registryLoader } from "../../registry/loader.js";
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
    python: registryLoader("module-level string constants, string enums and dict keys", async (source, context) => (await import("./registry.js")).loadPythonRegistry(source, context), {
      readsExports: true,
    }),
    "edx-toggles": registryLoader(
      "module-level edx-toggles definitions (`X = WaffleSwitch(\"ns.x\", __name__)`, `WaffleFlag`, `CourseWaffleFlag`)",
      async (source, context) => (await import("./registry-edx-toggles.js")).loadEdxTogglesRegistry(source, context),
    ),
    "django-migrations": registryLoader(
      "`Flag`, `Switch` and `Sample` rows that migrations create (`objects.create(name=...)`, `get_or_create`, `update_or_create`, `bulk_create`, loops over module-level names); a project whose toggles are made in the admin has none, so read those with `waffle` or `waffle-db` instead",
      async (source, context) => (await import("./django-migrations.js")).loadDjangoMigrationsRegistry(source, context),
    ),
  },
  async loadCleanup() {
    return (await import("./cleanup/python.js")).pythonCleanup;
  },
};
