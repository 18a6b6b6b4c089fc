#!/bin/sh
# A quant-compile that rejects every model, as the real one rejects an
# unsupported op: run-models.sh must list the model as not compiled.
echo "$1:0:0: error: node 'node_Foo_1' (Foo): unsupported op 'Foo'" >&2
exit 1
