export { pythonCleanup, cleanupPythonFile, pythonParseError, PYTHON_CLEANUP_STEPS } from "./python.js";
export { djangoTemplateCleanup, cleanupTemplateText } from "./template.js";
