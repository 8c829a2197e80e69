export { pythonCleanup, cleanupPythonFile, pythonParseError, PYTHON_CLEANUP_STEPS } from "../../languages/python/cleanup/python.js";
export { djangoTemplateCleanup, cleanupTemplateText } from "../../languages/django-template/cleanup.js";
