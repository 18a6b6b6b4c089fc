// RUN: quant-opt %s --qnn-fuse-qdq="rounding=toward_zero" -verify-diagnostics

// expected-error @+1 {{qnn-fuse-qdq: unknown rounding mode 'toward_zero' (expected float, double_round, half_up or half_away)}}
module {
}
