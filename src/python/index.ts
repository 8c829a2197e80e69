export { pythonScanner, scanPythonText } from "../languages/python/scanner.js";
export { djangoTemplateScanner, scanTemplateText, parseTemplate, isTemplatePath } from "../languages/django-template/template.js";
export { PythonModuleIndex } from "../languages/python/module-index.js";
export { loadPythonParser } from "../languages/python/parser.js";
