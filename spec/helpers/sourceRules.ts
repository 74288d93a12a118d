import ts from 'typescript';

/** One module specifier a file names, with the line it is on (1-based). */
export interface ImportUse {
  specifier: string;
  line: number;
}

/** One read of a global (`setTimeout`, `document`, or a member such as `Date.now`), with its line. */
export interface GlobalUse {
  name: string;
  line: number;
}

const parse = (fileName: string, text: string): ts.SourceFile =>
  ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

const lineOf = (file: ts.SourceFile, node: ts.Node): number =>
  file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;

/**
 * Every module a file names: `import … from`, `export … from`, `import('…')` (call or type) and
 * `require('…')`. Read from the syntax tree, so a specifier in a comment or a doc example is not one.
 */
export function importsOf(fileName: string, text: string): ImportUse[] {
  const file = parse(fileName, text);
  const found: ImportUse[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined) => {
    if (literal && ts.isStringLiteralLike(literal)) found.push({ specifier: literal.text, line: lineOf(file, node) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(callee) && callee.text === 'require';
      if (dynamic || required) add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The names one binding (a parameter, a variable, a destructuring pattern) declares. */
function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

/** The names a scope node declares for its own body (no `var` hoisting out of nested blocks). */
function declaredIn(node: ts.Node): string[] {
  const names: string[] = [];
  const fromStatements = (statements: readonly ts.Statement[]) => {
    for (const statement of statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) names.push(...bindingNames(declaration.name));
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        names.push(statement.name.text);
      } else if (ts.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) names.push(clause.name.text);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((element) => element.name.text));
      }
    }
  };
  if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node)) fromStatements(node.statements);
  if (ts.isFunctionLike(node)) {
    for (const parameter of node.parameters) names.push(...bindingNames(parameter.name));
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) names.push(node.name.text);
  }
  if (ts.isCatchClause(node) && node.variableDeclaration) names.push(...bindingNames(node.variableDeclaration.name));
  if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    for (const declaration of node.initializer.declarations) names.push(...bindingNames(declaration.name));
  }
  return names;
}

/**
 * Whether an identifier only names something (`a.name`, `{ name: … }`, `{ name } = …`, a declaration,
 * a label) rather than reading a variable. A shorthand `{ name }` reads `name`.
 */
function isNameOnly(identifier: ts.Identifier): boolean {
  const parent = identifier.parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node; label?: ts.Node };
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  return parent.name === identifier || parent.propertyName === identifier || parent.label === identifier;
}

/**
 * Every read of a global named in `names` that no enclosing scope declares: `setTimeout(…)`,
 * `document.cookie`, `{ window }`. Entries with a dot (`Date.now`) match that member read. Comments,
 * strings, property names (`win.document`), type positions (`typeof WebSocket` in a type) and a
 * parameter or variable of the same name (`(WebSocket) => new WebSocket(url)`) are not reads.
 */
export function globalUses(fileName: string, text: string, names: readonly string[]): GlobalUse[] {
  const file = parse(fileName, text);
  const bare = new Set(names.filter((name) => !name.includes('.')));
  const members = new Set(names.filter((name) => name.includes('.')));
  const found: GlobalUse[] = [];
  const visit = (node: ts.Node, scopes: ReadonlyArray<ReadonlySet<string>>): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isHeritageClause(node)) return;
    const declared = declaredIn(node);
    const inner = declared.length > 0 ? [...scopes, new Set(declared)] : scopes;
    const free = (name: string) => !inner.some((scope) => scope.has(name));
    if (ts.isIdentifier(node) && bare.has(node.text) && !isNameOnly(node) && free(node.text)) {
      found.push({ name: node.text, line: lineOf(file, node) });
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const member = `${node.expression.text}.${node.name.text}`;
      if (members.has(member) && free(node.expression.text)) found.push({ name: member, line: lineOf(file, node) });
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(file, []);
  return found;
}
