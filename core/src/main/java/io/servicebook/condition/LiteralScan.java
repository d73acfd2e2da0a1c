package io.servicebook.condition;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds comparisons of a variable with literals in a checked AST: they feed {@link
 * CompiledCondition#comparedLiterals()} and the check that enum fields are only compared with
 * values they have.
 */
final class LiteralScan {

  private static final Set<String> COMPARISONS =
      Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_");

  private final Map<String, Set<Object>> literals = new LinkedHashMap<>();
  private final List<ConditionProblem> problems = new ArrayList<>();

  private final CelAbstractSyntaxTree ast;
  private final Variables variables;
  private final SourceText text;

  private LiteralScan(CelAbstractSyntaxTree ast, Variables variables, SourceText text) {
    this.ast = ast;
    this.variables = variables;
    this.text = text;
  }

  static LiteralScan scan(CelAbstractSyntaxTree ast, Variables variables, SourceText text) {
    LiteralScan scan = new LiteralScan(ast, variables, text);
    CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .map(CelNavigableExpr::expr)
        .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.CALL)
        .forEach(scan::visitCall);
    return scan;
  }

  /** Variable name to the literals it is compared with; unmodifiable. */
  Map<String, Set<Object>> literals() {
    Map<String, Set<Object>> copy = new LinkedHashMap<>();
    literals.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(copy);
  }

  /** Enum fields compared with values they do not have. */
  List<ConditionProblem> problems() {
    return List.copyOf(problems);
  }

  private void visitCall(CelExpr expr) {
    CelExpr.CelCall call = expr.call();
    if (call.target().isPresent() || call.args().size() != 2) {
      return;
    }
    CelExpr left = call.args().get(0);
    CelExpr right = call.args().get(1);
    if (COMPARISONS.contains(call.function())) {
      Optional<String> leftVar = variable(left);
      Optional<String> rightVar = variable(right);
      if (leftVar.isPresent() && rightVar.isEmpty()) {
        compare(leftVar.get(), right);
      } else if (rightVar.isPresent() && leftVar.isEmpty()) {
        compare(rightVar.get(), left);
      }
    } else if (call.function().equals("@in")) {
      Optional<String> element = variable(left);
      if (element.isPresent() && right.getKind() == CelExpr.ExprKind.Kind.LIST) {
        for (CelExpr item : right.list().elements()) {
          compare(element.get(), item);
        }
      }
      Optional<String> container = variable(right);
      if (container.isPresent() && element.isEmpty()) {
        compare(container.get(), left);
      }
    }
  }

  private void compare(String variable, CelExpr candidate) {
    if (candidate.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
      return;
    }
    Optional<Object> value = javaValue(candidate.constant());
    if (value.isEmpty()) {
      return;
    }
    literals.computeIfAbsent(variable, k -> new LinkedHashSet<>()).add(value.get());
    variables
        .field(variable)
        .filter(field -> !field.allowedValues().isEmpty())
        .filter(field -> !field.allowedValues().contains(value.get()))
        .ifPresent(field -> problems.add(notAllowed(variable, value.get(), field, candidate)));
  }

  private ConditionProblem notAllowed(
      String variable, Object value, FieldDeclaration field, CelExpr literal) {
    int offset = ast.getSource().getPositionsMap().getOrDefault(literal.id(), 0);
    int[] position = text.lineAndColumn(offset);
    return new ConditionProblem(
        position[0],
        position[1],
        "`"
            + variable
            + "` never has the value \""
            + value
            + "\". Allowed values: "
            + String.join(", ", field.allowedValues())
            + ".",
        false);
  }

  /** The declared variable an expression refers to, if it is a plain reference to one. */
  private Optional<String> variable(CelExpr expr) {
    if (expr.getKind() != CelExpr.ExprKind.Kind.IDENT
        && expr.getKind() != CelExpr.ExprKind.Kind.SELECT) {
      return Optional.empty();
    }
    return ast.getReference(expr.id()).map(CelReference::name).filter(variables::isDeclared);
  }

  private static Optional<Object> javaValue(CelConstant constant) {
    return switch (constant.getKind()) {
      case STRING_VALUE -> Optional.of(constant.stringValue());
      case INT64_VALUE -> Optional.of(constant.int64Value());
      case DOUBLE_VALUE -> Optional.of(constant.doubleValue());
      case BOOLEAN_VALUE -> Optional.of(constant.booleanValue());
      default -> Optional.empty();
    };
  }
}
