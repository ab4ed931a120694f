// Finds hand-written copies of the API's response shapes: any object type (a type literal or an
// interface) in the clients' TypeScript (packages, web, test, and the server's own tests), outside
// generated files, whose property names are three or more of one object schema of the OpenAPI
// document, and nothing else. Such a type re-declares what packages/core/src/generated/api.ts
// derives from the server. The server's other code is the source of the document: its handlers
// are type-checked against the routes' schemas, so its own types are not copies.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";

const FOLDERS = ["packages", "server/src", "web/src", "test"];
const MIN_PROPERTIES = 3;

/** The property names of every object schema in the document, components and inline ones. */
function objectShapes(document) {
  const shapes = [];
  const visit = (schema, name) => {
    if (schema === null || typeof schema !== "object") return;
    if (Array.isArray(schema)) return schema.forEach((item) => visit(item, name));
    if (schema.properties !== undefined) {
      shapes.push({ name, keys: new Set(Object.keys(schema.properties)) });
      for (const [key, value] of Object.entries(schema.properties)) visit(value, `${name}.${key}`);
    }
    for (const key of ["items", "anyOf", "oneOf", "allOf", "additionalProperties"]) {
      visit(schema[key], name);
    }
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    visit(schema, name);
  }
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const content of Object.values(response.content ?? {})) {
          visit(content.schema, `${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
  }
  return shapes;
}

function sourceFiles() {
  return execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", ...FOLDERS],
    {
      encoding: "utf8",
    },
  )
    .split("\n")
    .filter((file) => /\.(ts|svelte)$/.test(file) && !file.includes("/generated/"))
    .filter((file) => !file.endsWith(".d.ts"))
    .filter((file) => !file.startsWith("server/src/") || file.endsWith(".test.ts"));
}

/** TypeScript of a file: a .svelte file's script blocks, blank lines elsewhere (lines kept). */
function scriptOf(file) {
  const text = readFileSync(file, "utf8");
  if (!file.endsWith(".svelte")) return text;
  return text.replace(/<script[^>]*>([\s\S]*?)<\/script>|[^\n]/g, (match, script) =>
    script === undefined ? "" : ` ${script}`.padEnd(match.length - match.split("\n").length + 1),
  );
}

function propertyNames(node) {
  const names = [];
  for (const member of node.members) {
    if (!ts.isPropertySignature(member) || member.name === undefined) return undefined;
    if (!ts.isIdentifier(member.name) && !ts.isStringLiteral(member.name)) return undefined;
    names.push(member.name.text);
  }
  return names;
}

/**
 * @param {{ document: object; files?: string[] }} parameters
 * @returns {string[]} one line per copy: `file:line: { a, b, c } copies <schema>`
 */
export function findApiCopies({ document, files = sourceFiles() }) {
  const shapes = objectShapes(document);
  const copies = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isTypeLiteralNode(node) || ts.isInterfaceDeclaration(node)) {
        const names = propertyNames(node);
        const shape =
          names !== undefined && names.length >= MIN_PROPERTIES
            ? shapes.find(({ keys }) => names.every((name) => keys.has(name)))
            : undefined;
        if (shape !== undefined) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          copies.push(
            `${file}:${line + 1}: { ${names.join(", ")} } copies the API's ${shape.name}`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return copies;
}
