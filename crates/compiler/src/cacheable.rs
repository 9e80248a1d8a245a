//! Whether a contract's modules can be evaluated once per sandbox and reused
//! by every call, instead of evaluated afresh for each call.
//!
//! A module qualifies when evaluating it cannot create state a later call
//! could see or read anything a call could change: its top level only
//! declares — `const` bindings of inert values, functions, classes, `require`
//! and `import` — and exports. Every object it creates is then frozen by the
//! `__v8vm_seal([...])` call that closes it, which must list every top-level
//! binding. The check reads the bundle itself (what runs), so the runtime
//! never trusts a claim made by whoever compiled the artifact.

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_ecmascript::BoundNames;
use oxc_parser::Parser;
use oxc_semantic::{Semantic, SemanticBuilder};
use oxc_span::{GetSpan, SourceType};
use oxc_syntax::scope::ScopeFlags;

use crate::artifact::{Artifact, Location};
use crate::gas;

/// Why a contract's modules run afresh on every call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCacheable {
    /// Where, in the developer's files, if known.
    pub at: Option<Location>,
    /// What keeps the modules from being cached.
    pub reason: String,
}

impl std::fmt::Display for NotCacheable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{}:{}:{}: {}", at.file, at.line, at.column, self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl std::error::Error for NotCacheable {}

/// The call that closes every module: it freezes what its top-level
/// bindings hold once the module has run.
pub(crate) fn seal_call(code: &str) -> String {
    let names = top_level_names(code).unwrap_or_default();
    format!("{}([{}]);", gas::SEAL, names.join(", "))
}

/// The names a transformed module (`"id": function (...) {` and its body)
/// binds at its top level, in order.
fn top_level_names(code: &str) -> Option<Vec<String>> {
    let allocator = Allocator::default();
    let table = format!("return {{{code}\n}}}};");
    let parsed = Parser::new(&allocator, &table, SourceType::cjs()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return None;
    }
    let module = module_bodies(&parsed.program).ok()?.into_iter().next()?;
    Some(bindings(module))
}

/// The statements of each module function in a bundle's module table.
fn module_bodies<'p, 'a>(program: &'p Program<'a>) -> Result<Vec<&'p [Statement<'a>]>, &'static str> {
    module_functions(program)?
        .into_iter()
        .map(|function| function.body.as_ref().map(|body| body.statements.as_slice()).ok_or("a module has no body"))
        .collect()
}

/// Each module function of a bundle's module table.
fn module_functions<'p, 'a>(program: &'p Program<'a>) -> Result<Vec<&'p Function<'a>>, &'static str> {
    let [Statement::ReturnStatement(ret)] = program.body.as_slice() else {
        return Err("the bundle is not `return { ... }`");
    };
    let Some(Expression::ObjectExpression(table)) = &ret.argument else {
        return Err("the bundle does not return a module table");
    };
    table
        .properties
        .iter()
        .map(|property| match property {
            ObjectPropertyKind::ObjectProperty(module) => match &module.value {
                Expression::FunctionExpression(function) => Ok(&**function),
                _ => Err("the module table holds something other than a module function"),
            },
            ObjectPropertyKind::SpreadProperty(_) => Err("the module table has a spread"),
        })
        .collect()
}

fn bindings(body: &[Statement<'_>]) -> Vec<String> {
    let mut names = Vec::new();
    for statement in body {
        match statement {
            Statement::VariableDeclaration(declaration) => {
                declaration.bound_names(&mut |ident| names.push(ident.name.to_string()));
            }
            Statement::FunctionDeclaration(function) => {
                names.extend(function.id.as_ref().map(|id| id.name.to_string()))
            }
            Statement::ClassDeclaration(class) => names.extend(class.id.as_ref().map(|id| id.name.to_string())),
            _ => {}
        }
    }
    names
}

/// Checks every module of `artifact`'s bundle.
///
/// # Errors
/// The first thing that makes the modules run afresh on every call.
pub fn check_cacheable(artifact: &Artifact) -> Result<(), NotCacheable> {
    crate::on_compiler_stack(|| check_bundle(&artifact.bundle)).map_err(|(offset, reason)| {
        let before = &artifact.bundle[..(offset as usize).min(artifact.bundle.len())];
        let line = before.matches('\n').count() as u32 + 1;
        let column = before.rsplit('\n').next().map_or(0, |text| text.encode_utf16().count()) as u32 + 1;
        NotCacheable { at: artifact.locate(line, column), reason }
    })
}

fn check_bundle(bundle: &str) -> Result<(), (u32, String)> {
    let allocator = Allocator::default();
    let source_type = SourceType::cjs();
    let parsed = Parser::new(&allocator, bundle, source_type).parse();
    let malformed = |reason: &str| (0, reason.to_owned());
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return Err(malformed("the bundle does not parse"));
    }
    let semantic = SemanticBuilder::new().with_build_nodes(true).build(&parsed.program).semantic;
    for function in module_functions(&parsed.program).map_err(malformed)? {
        let body = function
            .body
            .as_ref()
            .map(|body| body.statements.as_slice())
            .ok_or_else(|| malformed("a module has no body"))?;
        check_module(body)?;
        check_bindings_stay(function, &semantic)?;
    }
    Ok(())
}

/// A cached module's bindings must hold what its evaluation put there for
/// as long as the sandbox lives: nothing may assign to a top-level binding
/// (a function or class declaration is a binding too) or to the module's
/// own `exports`, `require`, `module`, `__filename`, `__dirname`, and no
/// code may reach the module function's `arguments` (in sloppy code they
/// alias those parameters).
fn check_bindings_stay(module: &Function<'_>, semantic: &Semantic<'_>) -> Result<(), (u32, String)> {
    let scoping = semantic.scoping();
    let scope = module.scope_id.get().ok_or((module.span.start, "a module function has no scope".to_owned()))?;
    for symbol in scoping.iter_bindings_in(scope) {
        if let Some(write) = scoping.get_resolved_references(symbol).find(|reference| reference.is_write()) {
            let at = semantic.nodes().get_node(write.node_id()).kind().span().start;
            let name = scoping.symbol_name(symbol);
            return Err((
                at,
                format!("an assignment to the module-level binding `{name}` (state that would outlive a call)"),
            ));
        }
    }
    let mut arguments = ModuleArguments { functions: 0, at: None };
    arguments.visit_function(module, ScopeFlags::Function);
    match arguments.at {
        Some(at) => Err((at, "`arguments` of the module itself (it aliases the module's own bindings)".to_owned())),
        None => Ok(()),
    }
}

/// Finds a use of `arguments` that is the module function's own: outside
/// every nested function but arrow functions, which share it.
struct ModuleArguments {
    functions: u32,
    at: Option<u32>,
}

impl<'a> Visit<'a> for ModuleArguments {
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        self.functions += 1;
        walk::walk_function(self, it, flags);
        self.functions -= 1;
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if it.name == "arguments" && self.functions == 1 && self.at.is_none() {
            self.at = Some(it.span.start);
        }
    }
}

/// One module body: declarations and exports only, closed by a complete
/// seal. The error gives the bundle offset of what is not.
fn check_module(body: &[Statement<'_>]) -> Result<(), (u32, String)> {
    let names = bindings(body);
    let Some((Statement::ExpressionStatement(last), rest)) = body.split_last() else {
        return Err((0, "a module does not end with its seal".into()));
    };
    let sealed = match &last.expression {
        Expression::CallExpression(call) if is_helper(&call.callee, gas::SEAL) => match call.arguments.as_slice() {
            [Argument::ArrayExpression(list)] => list
                .elements
                .iter()
                .map(|element| match element {
                    ArrayExpressionElement::Identifier(ident) => Some(ident.name.to_string()),
                    _ => None,
                })
                .collect::<Option<Vec<String>>>(),
            _ => None,
        },
        _ => None,
    };
    match sealed {
        Some(sealed) if names.iter().all(|name| sealed.contains(name)) => {}
        _ => return Err((last.span.start, "a module does not end with a seal of all its top-level bindings".into())),
    }
    let modules = rest
        .iter()
        .filter_map(|statement| match statement {
            Statement::VariableDeclaration(declaration) => Some(declaration),
            _ => None,
        })
        .flat_map(|declaration| &declaration.declarations)
        .filter_map(|declarator| match (&declarator.id, &declarator.init) {
            (BindingPattern::BindingIdentifier(ident), Some(Expression::CallExpression(call)))
                if is_module_call(call) =>
            {
                Some(ident.name.to_string())
            }
            _ => None,
        })
        .collect();
    let inert = Inert { names: &names, modules };
    for statement in rest {
        inert.statement(statement).map_err(|what| (statement.span().start, what.to_owned()))?;
    }
    Ok(())
}

/// What evaluating an expression or statement may do: nothing observable.
struct Inert<'n> {
    /// The module's top-level bindings.
    names: &'n [String],
    /// Those bound to another module's exports (`const x = require(...)`).
    modules: Vec<String>,
}

impl Inert<'_> {
    fn statement(&self, statement: &Statement<'_>) -> Result<(), &'static str> {
        match statement {
            Statement::EmptyStatement(_) | Statement::FunctionDeclaration(_) => Ok(()),
            Statement::VariableDeclaration(declaration) => {
                if declaration.kind != VariableDeclarationKind::Const {
                    return Err("a top-level `let` or `var` binding (state that would outlive a call)");
                }
                for declarator in &declaration.declarations {
                    match &declarator.init {
                        Some(init) => self.expression(init)?,
                        None => return Err("a `const` without a value"),
                    }
                }
                Ok(())
            }
            Statement::ClassDeclaration(class) => self.class(class),
            Statement::ExpressionStatement(statement) => self.top_level_expression(&statement.expression),
            _ => Err("a top-level statement that runs code (only declarations and exports can be cached)"),
        }
    }

    /// What a top level may do besides declaring: charge its gas, mark and
    /// fill its exports.
    fn top_level_expression(&self, expression: &Expression<'_>) -> Result<(), &'static str> {
        match expression {
            Expression::CallExpression(call)
                if [gas::METER, gas::ESM_MARK, gas::EXPORT, gas::EXPORT_STAR]
                    .iter()
                    .any(|helper| is_helper(&call.callee, helper)) =>
            {
                call.arguments.iter().try_for_each(|argument| self.argument(argument))
            }
            Expression::AssignmentExpression(assignment) if assignment.operator == AssignmentOperator::Assign => {
                if !is_exports_target(&assignment.left) {
                    return Err("a top-level assignment to something other than the module's exports");
                }
                self.expression(&assignment.right)
            }
            Expression::StringLiteral(_) => Ok(()), // a directive-like string
            _ => Err("a top-level expression that runs code (only declarations and exports can be cached)"),
        }
    }

    fn argument(&self, argument: &Argument<'_>) -> Result<(), &'static str> {
        match argument {
            Argument::SpreadElement(_) => Err("a spread argument at the top level"),
            other => self.expression(other.to_expression()),
        }
    }

    fn class(&self, class: &Class<'_>) -> Result<(), &'static str> {
        if let Some(heritage) = &class.heritage {
            // super() may return any object, even a frozen module-level one,
            // and the class's private fields or methods are then added to
            // it: state that freezing does not stop.
            if class.body.body.iter().any(is_private_member) {
                return Err("a class with private members that extends another (state that would outlive a call)");
            }
            self.expression(&heritage.expression)?;
        }
        for element in &class.body.body {
            match element {
                ClassElement::MethodDefinition(method) if method.computed => self.key(&method.key)?,
                ClassElement::MethodDefinition(_) => {}
                // A static private field is a slot that freezing does not
                // protect: its class's own methods could change it.
                ClassElement::PropertyDefinition(property)
                    if property.r#static && matches!(property.key, PropertyKey::PrivateIdentifier(_)) =>
                {
                    return Err("a static private field (state that would outlive a call)")
                }
                ClassElement::PropertyDefinition(property) => {
                    if property.computed {
                        self.key(&property.key)?;
                    }
                    // Instance fields run per instance, in each call.
                    if let (true, Some(value)) = (property.r#static, &property.value) {
                        self.expression(value)?;
                    }
                }
                ClassElement::StaticBlock(_) => return Err("a class static block (it runs code at load)"),
                _ => return Err("a class element that cannot be cached"),
            }
        }
        Ok(())
    }

    fn key(&self, key: &PropertyKey<'_>) -> Result<(), &'static str> {
        match key {
            PropertyKey::StaticIdentifier(_) | PropertyKey::PrivateIdentifier(_) => Ok(()),
            other => other.as_expression().map_or(Ok(()), |expression| self.literal(expression)),
        }
    }

    /// Values a top-level `const`, export or static field may hold.
    fn expression(&self, expression: &Expression<'_>) -> Result<(), &'static str> {
        match expression {
            Expression::FunctionExpression(_) | Expression::ArrowFunctionExpression(_) => Ok(()),
            Expression::ClassExpression(class) => self.class(class),
            Expression::ParenthesizedExpression(inner) => self.expression(&inner.expression),
            Expression::Identifier(ident) => self.identifier(&ident.name),
            Expression::CallExpression(call)
                if gas::VALUE_HELPERS.iter().any(|helper| is_helper(&call.callee, helper)) =>
            {
                self.literal(expression)
            }
            // A spread of an inert value: read by the library, which runs no
            // contract code for arrays and plain objects.
            Expression::CallExpression(call)
                if [gas::SPREAD, gas::SPREAD_OBJECT, gas::PROTO, gas::HERITAGE]
                    .iter()
                    .any(|helper| is_helper(&call.callee, helper)) =>
            {
                match call.arguments.first() {
                    Some(Argument::SpreadElement(_)) | None => Err("a spread argument at the top level"),
                    Some(first) => self.expression(first.to_expression()),
                }
            }
            Expression::CallExpression(call) => self.module_value(call),
            Expression::StaticMemberExpression(member) => self.member_object(&member.object),
            Expression::ObjectExpression(object) => {
                for property in &object.properties {
                    match property {
                        ObjectPropertyKind::ObjectProperty(property) if property.kind == PropertyKind::Init => {
                            if property.computed {
                                self.key(&property.key)?;
                            }
                            self.expression(&property.value)?;
                        }
                        ObjectPropertyKind::ObjectProperty(_) => {
                            return Err("a getter or setter in a module-level object")
                        }
                        ObjectPropertyKind::SpreadProperty(spread) => self.expression(&spread.argument)?,
                    }
                }
                Ok(())
            }
            Expression::ArrayExpression(array) => array.elements.iter().try_for_each(|element| match element {
                ArrayExpressionElement::Elision(_) => Ok(()),
                ArrayExpressionElement::SpreadElement(spread) => self.expression(&spread.argument),
                other => self.expression(other.to_expression()),
            }),
            other => self.literal(other),
        }
    }

    /// Literals and arithmetic on literals: values, with no code of the
    /// contract's to run.
    fn literal(&self, expression: &Expression<'_>) -> Result<(), &'static str> {
        match expression {
            Expression::StringLiteral(_)
            | Expression::NumericLiteral(_)
            | Expression::BigIntLiteral(_)
            | Expression::BooleanLiteral(_)
            | Expression::NullLiteral(_) => Ok(()),
            Expression::TemplateLiteral(template) if template.expressions.is_empty() => Ok(()),
            Expression::Identifier(ident) if ["undefined", "NaN", "Infinity"].contains(&ident.name.as_str()) => Ok(()),
            // `Number.MAX_SAFE_INTEGER`, `Math.PI`: values of the built-ins,
            // whose conversions run no contract code.
            Expression::StaticMemberExpression(member) if matches!(&member.object, Expression::Identifier(ident) if BUILT_INS.contains(&ident.name.as_str())) => {
                Ok(())
            }
            Expression::ParenthesizedExpression(inner) => self.literal(&inner.expression),
            Expression::UnaryExpression(unary) if unary.operator != UnaryOperator::Delete => {
                self.literal(&unary.argument)
            }
            Expression::BinaryExpression(binary) => {
                self.literal(&binary.left)?;
                self.literal(&binary.right)
            }
            // The compiler's size-charging string helpers, on literals.
            Expression::CallExpression(call)
                if gas::VALUE_HELPERS.iter().any(|helper| is_helper(&call.callee, helper)) =>
            {
                call.arguments.iter().try_for_each(|argument| match argument {
                    Argument::SpreadElement(_) => Err("a spread argument at the top level"),
                    other => self.literal(other.to_expression()),
                })
            }
            _ => Err("a module-level value computed by running code"),
        }
    }

    /// The module's own bindings, its `exports` and `module`, and the
    /// realm's frozen built-ins.
    fn identifier(&self, name: &str) -> Result<(), &'static str> {
        let own = ["exports", "module"];
        if self.names.iter().any(|bound| bound == name) || own.contains(&name) || BUILT_INS.contains(&name) {
            Ok(())
        } else {
            Err("a module-level value read from a global")
        }
    }

    /// `require("id")` and its ES module interop: another module's exports.
    fn module_value(&self, call: &CallExpression<'_>) -> Result<(), &'static str> {
        if is_module_call(call) {
            Ok(())
        } else {
            Err("a module-level value computed by a call")
        }
    }

    /// Reading a property is inert only on another module's exports (whose
    /// getters are the compiler's `export` bindings): a `require` call, or a
    /// name bound to one.
    fn member_object(&self, object: &Expression<'_>) -> Result<(), &'static str> {
        match object {
            Expression::CallExpression(call) => self.module_value(call),
            Expression::StaticMemberExpression(member) => self.member_object(&member.object),
            Expression::Identifier(ident) if self.modules.iter().any(|bound| bound == ident.name.as_str()) => Ok(()),
            Expression::Identifier(ident) if BUILT_INS.contains(&ident.name.as_str()) => Ok(()),
            _ => Err("a module-level value read from something other than a module or a built-in"),
        }
    }
}

/// Globals of the frozen realm that a module may read at load: data
/// properties holding built-ins and the class libraries' number and crypto
/// objects, whose own properties are frozen and whose getters
/// (`RegExp.prototype.flags`, ...) have no effects. Not `block`, `tx` (they
/// read the call) nor the storage and blockchain APIs.
const BUILT_INS: [&str; 37] = [
    "undefined",
    "NaN",
    "Infinity",
    "Object",
    "Function",
    "Array",
    "Number",
    "String",
    "Boolean",
    "Symbol",
    "BigInt",
    "Math",
    "JSON",
    "Reflect",
    "Error",
    "TypeError",
    "RangeError",
    "SyntaxError",
    "ReferenceError",
    "EvalError",
    "URIError",
    "AggregateError",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "Promise",
    "RegExp",
    "ArrayBuffer",
    "DataView",
    "Uint8Array",
    "Int32Array",
    "Float64Array",
    "BigNumber",
    "Int64",
    "Float64",
    "IOSTCrypto",
];

/// A `#private` field, method or accessor.
fn is_private_member(element: &ClassElement<'_>) -> bool {
    match element {
        ClassElement::MethodDefinition(method) => matches!(method.key, PropertyKey::PrivateIdentifier(_)),
        ClassElement::PropertyDefinition(property) => matches!(property.key, PropertyKey::PrivateIdentifier(_)),
        ClassElement::AccessorProperty(accessor) => matches!(accessor.key, PropertyKey::PrivateIdentifier(_)),
        _ => false,
    }
}

/// `require("id")`, or `__v8vm_esm(require("id"))`.
fn is_module_call(call: &CallExpression<'_>) -> bool {
    let literal_argument = matches!(call.arguments.as_slice(), [Argument::StringLiteral(_)]);
    if matches!(&call.callee, Expression::Identifier(ident) if ident.name == "require") && literal_argument {
        return true;
    }
    is_helper(&call.callee, gas::ESM_INTEROP)
        && matches!(call.arguments.as_slice(), [Argument::CallExpression(inner)] if is_module_call(inner))
}

fn is_helper(callee: &Expression<'_>, helper: &str) -> bool {
    matches!(callee, Expression::Identifier(ident) if ident.name == helper)
}

/// `module.exports`, `module.exports.x`, `exports.x`.
fn is_exports_target(target: &AssignmentTarget<'_>) -> bool {
    let AssignmentTarget::StaticMemberExpression(member) = target else { return false };
    match &member.object {
        Expression::Identifier(ident) => {
            ident.name == "exports" || (ident.name == "module" && member.property.name == "exports")
        }
        Expression::StaticMemberExpression(inner) => {
            matches!(&inner.object, Expression::Identifier(ident) if ident.name == "module")
                && inner.property.name == "exports"
        }
        _ => false,
    }
}
