/**
 * The published JSON Schema of the config (`schema/flag-scan.schema.json` is written from this object by
 * `npm run schema`; a test keeps the two identical). Also what `loadConfig` validates against.
 */
export const configJsonSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://github.com/flag-scan/flag-scan/blob/main/schema/flag-scan.schema.json",
  "title": "flag-scan configuration",
  "description": "Configuration of flag-scan: where flags are defined, how code checks them, and which rules apply.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "include": {
      "description": "Globs of files to scan, relative to the config file. Default: every .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs file.",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "exclude": {
      "description": "Globs to skip, on top of .gitignore, node_modules and build output.",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "gitignore": {
      "description": "Honour .gitignore files. Default: true.",
      "type": "boolean"
    },
    "registry": {
      "description": "Sources of defined flags.",
      "type": "array",
      "items": {
        "$ref": "#/definitions/registrySource"
      }
    },
    "mirrors": {
      "description": "Groups of registry sources that must define the same flags (rule registry-mismatch).",
      "type": "array",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "sources"
        ],
        "properties": {
          "sources": {
            "type": "array",
            "minItems": 2,
            "items": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 0
                },
                {
                  "type": "string"
                }
              ]
            }
          },
          "compareConstants": {
            "type": "boolean"
          }
        }
      }
    },
    "accessors": {
      "description": "How code checks a flag. Added to the accessors of the presets.",
      "type": "array",
      "items": {
        "$ref": "#/definitions/accessor"
      }
    },
    "presets": {
      "description": "Accessor sets for SDKs: flag-scan, launchdarkly, unleash, openfeature, growthbook, posthog, waffle.",
      "type": "array",
      "items": {
        "enum": [
          "flag-scan",
          "launchdarkly",
          "unleash",
          "openfeature",
          "growthbook",
          "posthog",
          "waffle"
        ]
      }
    },
    "naming": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "pattern": {
          "description": "Regular expression every slug must match. Default: ^ff_[a-z0-9_]+$",
          "type": "string"
        }
      }
    },
    "stale": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "maxAgeDays": {
          "description": "Days a fully on/off flag may stay unchanged. Default: 90.",
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "nesting": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "maxDepth": {
          "description": "How many flags may guard one another. Default: 1.",
          "type": "integer",
          "minimum": 1
        }
      }
    },
    "rules": {
      "description": "Severity per rule id.",
      "type": "object",
      "additionalProperties": {
        "enum": [
          "error",
          "warning",
          "off"
        ]
      }
    },
    "typeInformation": {
      "description": "Resolve keys that syntax cannot with the TypeScript type checker. Default: false.",
      "anyOf": [
        {
          "type": "boolean"
        },
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "tsconfig": {
              "type": "string"
            }
          }
        }
      ]
    }
  },
  "definitions": {
    "registrySource": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "path"
      ],
      "properties": {
        "type": {
          "enum": [
            "typescript",
            "json",
            "yaml",
            "waffle",
            "python",
            "django-migrations",
            "waffle-db"
          ]
        },
        "path": {
          "description": "File path or glob relative to the config file; for waffle-db a connection URL.",
          "type": "string",
          "minLength": 1
        },
        "name": {
          "type": "string"
        },
        "environment": {
          "type": "string"
        },
        "export": {
          "type": "string"
        },
        "keys": {
          "type": "boolean"
        },
        "keyPattern": {
          "type": "string"
        }
      }
    },
    "accessor": {
      "anyOf": [
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "call"
          ],
          "properties": {
            "call": {
              "type": "string",
              "minLength": 1
            },
            "arg": {
              "type": "integer",
              "minimum": 0
            },
            "keyword": {
              "type": "string"
            },
            "property": {
              "type": "string"
            },
            "returnsChecker": {
              "type": "boolean"
            },
            "negated": {
              "type": "boolean"
            },
            "defaultArg": {
              "type": "integer"
            },
            "language": {
              "$ref": "#/definitions/language"
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "member"
          ],
          "properties": {
            "member": {
              "type": "string",
              "minLength": 1
            },
            "language": {
              "$ref": "#/definitions/language"
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "jsx"
          ],
          "properties": {
            "jsx": {
              "type": "string",
              "minLength": 1
            },
            "prop": {
              "type": "string"
            },
            "fallbackProp": {
              "type": "string"
            },
            "thenProp": {
              "type": "string"
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "hoc"
          ],
          "properties": {
            "hoc": {
              "type": "string",
              "minLength": 1
            },
            "prop": {
              "type": "string"
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "decorator"
          ],
          "properties": {
            "decorator": {
              "type": "string",
              "minLength": 1
            },
            "arg": {
              "type": "integer",
              "minimum": 0
            },
            "keyword": {
              "type": "string"
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "templateTag"
          ],
          "properties": {
            "templateTag": {
              "type": "string",
              "minLength": 1
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "classAttribute"
          ],
          "properties": {
            "classAttribute": {
              "type": "string",
              "minLength": 1
            },
            "mixins": {
              "type": "array",
              "items": {
                "type": "string"
              }
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "flagsObject"
          ],
          "properties": {
            "flagsObject": {
              "type": "string",
              "minLength": 1
            },
            "prop": {
              "type": "string"
            },
            "list": {
              "type": "boolean"
            },
            "keyTransform": {
              "enum": [
                "camelCase"
              ]
            },
            "language": {
              "$ref": "#/definitions/language"
            },
            "keyPattern": {
              "type": "string"
            },
            "returns": {
              "$ref": "#/definitions/returns"
            }
          }
        }
      ]
    },
    "returns": {
      "description": "What the check reads: a boolean, or a value (string, number, JSON) the cleanup must not fold.",
      "enum": [
        "boolean",
        "value"
      ]
    },
    "language": {
      "description": "Restrict the accessor to one language.",
      "enum": [
        "typescript",
        "python"
      ]
    }
  }
};
