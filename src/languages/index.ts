import { djangoTemplateLanguage } from "./django-template/index.js";
import { jinja2Language } from "./jinja2/index.js";
import type { Language } from "./language.js";
import { pythonLanguage } from "./python/index.js";
import { typescriptLanguage } from "./typescript/index.js";

/**
 * Every language flag-scan reads, in the order files are offered to them: the first language whose
 * extensions and `accepts` take a file owns it, for the scan and for the cleanup. A new language is a
 * folder next to these and one line here.
 */
export const languages: readonly Language[] = [typescriptLanguage, pythonLanguage, jinja2Language, djangoTemplateLanguage];
