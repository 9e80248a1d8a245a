// Threat: a module that fills the heap at load (at deploy)
const keep = [];
for (;;) keep.push(new Array(100000).fill(0));
