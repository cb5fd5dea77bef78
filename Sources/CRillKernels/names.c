// The names of the operation enums' values, as the Swift enums of RillCore/Primitives name
// their cases: a test reads them to check that both languages give each function the same value.
// The switches have no default, so the compiler warns when an enumerator has no name here.
#include "rill_kernels.h"

#include <stddef.h>

const char *rill_unary_op_name(int value) {
  switch ((rill_unary_op)value) {
    case rill_unary_negate: return "negate";
    case rill_unary_abs: return "abs";
    case rill_unary_sign: return "sign";
    case rill_unary_square: return "square";
    case rill_unary_sqrt: return "sqrt";
    case rill_unary_rsqrt: return "rsqrt";
    case rill_unary_exp: return "exp";
    case rill_unary_log: return "log";
    case rill_unary_log1p: return "log1p";
    case rill_unary_expm1: return "expm1";
    case rill_unary_sin: return "sin";
    case rill_unary_cos: return "cos";
    case rill_unary_tanh: return "tanh";
    case rill_unary_sigmoid: return "sigmoid";
    case rill_unary_floor: return "floor";
    case rill_unary_ceil: return "ceil";
    case rill_unary_round: return "round";
    case rill_unary_reciprocal: return "reciprocal";
    case rill_unary_relu: return "relu";
    case rill_unary_erf: return "erf";
    case rill_unary_logical_not: return "logicalNot";
  }
  return NULL;
}

const char *rill_binary_op_name(int value) {
  switch ((rill_binary_op)value) {
    case rill_binary_add: return "add";
    case rill_binary_subtract: return "subtract";
    case rill_binary_multiply: return "multiply";
    case rill_binary_divide: return "divide";
    case rill_binary_pow: return "pow";
    case rill_binary_maximum: return "maximum";
    case rill_binary_minimum: return "minimum";
    case rill_binary_floor_mod: return "floorMod";
  }
  return NULL;
}

const char *rill_compare_op_name(int value) {
  switch ((rill_compare_op)value) {
    case rill_compare_equal: return "equal";
    case rill_compare_not_equal: return "notEqual";
    case rill_compare_less: return "less";
    case rill_compare_less_equal: return "lessEqual";
    case rill_compare_greater: return "greater";
    case rill_compare_greater_equal: return "greaterEqual";
    case rill_compare_logical_and: return "logicalAnd";
    case rill_compare_logical_or: return "logicalOr";
  }
  return NULL;
}
