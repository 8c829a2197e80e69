import { createFileScanSession } from "../../scan/file-session.js";
import type { Language } from "../language.js";
import { djangoTemplateScanner, isTemplatePath, templateTagNames } from "./template.js";

/** Django templates (`{% flag "x" %}` blocks): `.html` files under a `templates/` directory. */
export const djangoTemplateLanguage: Language = {
  name: "django-template",
  extensions: [".html"],
  accepts: isTemplatePath,
  include: ["**/templates/**/*.html"],
  needles: (accessors) => [...templateTagNames(accessors).keys()],
  openScanSession: (options) => createFileScanSession(djangoTemplateScanner, options),
  async loadCleanup() {
    return (await import("./cleanup.js")).djangoTemplateCleanup;
  },
};
