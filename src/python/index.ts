export { pythonScanner, scanPythonText } from "./scanner.js";
export { djangoTemplateScanner, scanTemplateText, parseTemplate, isTemplatePath } from "./template.js";
export { PythonModuleIndex } from "./module-index.js";
export { loadPythonParser } from "./parser.js";
