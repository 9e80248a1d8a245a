// The realm inventory: every function a contract can reach, by canonical path, and how it is bounded.
//
// Scope: the V8 10.2 (libnode108) realm as sandbox.js leaves it: without Date, Intl, WeakRef,
// FinalizationRegistry, SharedArrayBuffer, Atomics, WebAssembly, eval, Math.random, the RegExp
// legacy statics and V8's console. Listed are V8's own functions, under the name the spec uses
// (hidden intrinsics as %Name%), plus the functions V8 makes per use and hands to contract code
// (named in parentheses). Where sandbox.js replaces a built-in (a gas wrapper, or its own
// at/findLast/findLastIndex/Object.hasOwn/localeCompare/toLocaleString), the entry is still the
// built-in's name; the text says what the library does today. Not listed: the library's own
// functions (storage, blockchain, console, IOSTCrypto, BigNumber/Int64/Float64, the block/tx
// getters, the allowOverride accessors, Error.prepareStackTrace), and C.prototype.constructor
// back-links (the same objects as C). Checked by /tmp/realm/enum2.js --check.
//
// Classes (realm.js applies them when the realm is made; tests/contracts/realm.rs checks that
// every function a contract can reach is here, and that each `charged` one was replaced):
//   constant  bounded work whatever the inputs, once the built-in has coerced its arguments.
//   charged   work grows with something the contract controls; the text says what drives it in
//             V8 and the hazards ("uninterruptible" = measured with node18, the same V8 10.2.154,
//             to run on after vm.runInContext's timeout fired TerminateExecution: the VM's deadline
//             cannot stop it either; "unmetered"/"not charged today" = before builtins.js). Every
//             one is replaced by builtins.js with a wrapper that coerces once, caps and charges
//             for the whole work before calling the original with what it measured.
//   delegates bounded work of its own; the rest is done by calling a charged built-in (named).
//   open      a known gap, listed in docs/hostile.md ("Open"): work that grows with a string's
//             length, a key's length or a prototype chain, paid the same way by contract syntax.
//   removed   unsafe or pointless in a contract: nondeterministic, hidden state that freezing does
//             not protect, or realm-wide state that outlives a call. realm.js deletes it.
//
// Realm-wide costs that "constant" does not count (they are paid the same way by contract syntax,
// `+s`, `o[k]`, `a === b`, `o.x`; see Findings for the measurements):
//   [N1] Coercion. ToNumber of a string scans it on every call, no cache (Math.abs(" ".repeat(2**28))
//        ~190 ms a call). ToString of a BigInt formats all its digits, super-linear (2**24 bits:
//        2.2 s; interruptible, unmetered wherever it happens: String(b), `${b}`, [b].join(),
//        new Error(b), Symbol(b)). The library charges both where contract syntax and the
//        built-ins marked so do them (docs/gas.md, "Strings scanned by operators"); typed array
//        and DataView stores, array lengths and Number.prototype arguments are open.
//   [N2] Strings as keys. A rope is flattened and a string hashed once per string (cached), but a
//        string longer than 16383 chars gets a hash made from its length only: all long keys of
//        one length collide, so Map/Set/object-key operations on them compare contents,
//        O(keys x length) per operation. Two distinct equal strings compare in O(length) on
//        every comparison (two 2**28-char copies: 36 ms per Map.get / === / includes). The
//        library refuses string keys over 16,383 characters wherever it sees a key, and charges
//        comparisons of long strings by length (===, <, switch, Object.is, includes, keys).
//   [N3] Prototype chains. A property lookup on a contract object walks its prototype chain (a
//        chain of 10**6 objects: ~35-48 ms per lookup by Reflect.has, O.p.toString, instanceof).
//        The library bounds every chain where it is made, at 32 links (docs/hostile.md).
//   [N4] Holes. V8 walks an array or array-like from 0 to length (up to 2**32-1 for arrays,
//        2**53-1 for array-likes) in native loops that skip holes without interrupt checks:
//        Array(2**30).forEach(f) runs 16.9 s and a deadline does not stop it; no contract code
//        runs for a hole, so a callback's gas pays for nothing.
//   [N5] Built-in callbacks. Where a method calls back per item, the callback may itself be a
//        built-in (Math.abs, Number.isNaN, Array.isArray, Object.prototype.valueOf): then no block
//        of contract code runs and nothing is metered (interruptible, unlike N4).
//   [N6] Measured twice. The library wrappers read `this.length` / argument lengths before the
//        built-in reads them again: a `length` getter (array-likes), an own `length` property on a
//        typed array (the built-in uses the internal length), or a `this` object whose toString
//        returns a long string (String methods) makes the charge 1.
//   [N7] Native iteration. Built-ins that drain an iterable run the iterator protocol natively:
//        with built-ins as iterator and next ({[Symbol.iterator]: Object.prototype.valueOf,
//        next: Object.prototype.valueOf, done: false, value: x}) or over Array(2**32-1) they loop
//        with no contract code at all. V8 checks interrupts there (the deadline stops them),
//        but no gas is charged (Array.from is charged after it ran; each T.from charges 1 for an
//        iterable).
// Argument counts: spread and apply pass at most ~125,000 arguments (V8's stack limit), so
// "argument count" below is bounded, but by 1e5, not by a small constant.

const INVENTORY = {
  // --- Global functions and constructors ------------------------------------------------------
  'Object': ['constant', 'Object(v) returns v or wraps a primitive (a String wrapper shares the string); new Object() is an empty object'],
  'Function': ['constant', 'always throws EvalError in the VM (code generation from strings is disabled); the parameter and body texts are joined as a rope first, O(argument count): Function(s) with a 2**28-char s returns in 1 ms'],
  'Array': ['charged', 'Array(a, b, ...) copies its arguments, at most a frame\'s worth (MAX_FRAME_SLOTS) or a spread\'s (4,096); Array(n) allocates and fills n slots up to a length of 2^25 (~4 ns each; red team round 49): 2 gas a slot (builtins.js slotsCharge)'],
  'Number': ['charged', 'Number(string) parses the whole string on every call (N1), and a decimal near a rounding tie with big numbers: replaced, the argument converted once, a string over 15 characters charged by its length and its digits (chargeNumberRead); other values O(1)'],
  'parseFloat': ['charged', 'ToString of the argument, then scans leading whitespace and the numeric prefix: O(string length), every call ("1".repeat(2**24) 26 ms)'],
  'parseInt': ['charged', 'ToString of the argument, then scans whitespace and digits: O(string length), every call ("1".repeat(2**28) 308 ms)'],
  'Boolean': ['constant', 'ToBoolean (a string by its length only)'],
  'String': ['charged', 'String(bigint) formats every digit (quadratic): replaced, an object converted once and a BigInt charged as BigInt.prototype.toString; other values bounded'],
  'Symbol': ['charged', 'a new symbol; replaced: the description turned into a string once, a BigInt formatted charged'],
  'Promise': ['constant', 'creates a promise and calls the executor once with two resolving functions'],
  'RegExp': ['charged', 'parses the pattern eagerly, O(pattern length), super-linear for \\p{...} classes under /u and /i: new RegExp("[\\\\p{L}\\\\p{N}]".repeat(2**13), "ui").test("b") 4.6 s, ignoring the deadline; compiled to code at the first exec, O(pattern), partly uninterruptible; not charged today (exec charges only scanned characters)'],
  'Error': ['charged', 'message coerced once; captures at most Error.stackTraceLimit (frozen at 10) frames, walking at most the current stack (contract depth <= 256), ~4 us with the library wrapper: GAS_ERROR; reads options.cause. Formatting .stack is charged per frame (GAS_STACK_FRAME)'],
  'AggregateError': ['charged', 'as Error, and iterable steps: drains the errors iterable into an array (N7: built-in iterators run until the deadline, unmetered)'],
  'EvalError': ['charged', 'as Error'],
  'RangeError': ['charged', 'as Error'],
  'ReferenceError': ['charged', 'as Error'],
  'SyntaxError': ['charged', 'as Error'],
  'TypeError': ['charged', 'as Error'],
  'URIError': ['charged', 'as Error'],
  'ArrayBuffer': ['charged', 'byteLength: allocates and zero-fills that many bytes (bounded by the isolate array-buffer budget); not charged today'],
  'Uint8Array': ['charged', 'new T(n): n elements allocated and zeroed; new T(typedArray | array): copies its length; new T(arrayLike): length Gets in a native loop that ignores the deadline (new Uint8Array({length: 2**25}) 1.07 s for 2 gas with the library); new T(iterable): N7; new T(buffer, offset, length): O(1); all bounded by the array-buffer budget; not charged today'],
  'Int8Array': ['charged', 'as Uint8Array'],
  'Uint16Array': ['charged', 'as Uint8Array'],
  'Int16Array': ['charged', 'as Uint8Array'],
  'Uint32Array': ['charged', 'as Uint8Array'],
  'Int32Array': ['charged', 'as Uint8Array'],
  'Float32Array': ['charged', 'as Uint8Array'],
  'Float64Array': ['charged', 'as Uint8Array (element conversion from another kind costs more: new Float64Array(u8 of 2**26) ~190 ms)'],
  'Uint8ClampedArray': ['charged', 'as Uint8Array'],
  'BigUint64Array': ['removed', 'an element stored into one is converted with ToBigInt, and V8 parses a string there (`ta[i] = s`, and the constructor, fill, set, of, from, map, Reflect.set, Object.defineProperty, Object.assign: more paths than wrappers can cover) in time superlinear in its length that nothing interrupts (~350 ms for 2 MiB of digits); DataView.prototype.setBigInt64 does the same job, charged'],
  'BigInt64Array': ['removed', 'as BigUint64Array'],
  'DataView': ['charged', 'a view on an existing buffer: offset and length checks; ToIndex of a string offset or length scans it (2 MiB of spaces: 11 ms): replaced, both converted once by the library, a long string charged (N1)'],
  'Map': ['charged', 'iterable steps: new Map(iterable) drains it natively (N7), one set per entry (string keys: N2)'],
  'BigInt': ['charged', 'BigInt(string) parses every digit (1e6 decimal digits 131 ms; interruptible, unmetered); BigInt(number) O(1)'],
  'Set': ['charged', 'iterable steps: new Set(iterable) drains it natively (N7: new Set(Array(2**32-1)) runs until the deadline, size stays 1), one add per value (N2)'],
  'WeakMap': ['charged', 'iterable steps: drains the iterable natively (N7); each entry O(1)'],
  'WeakSet': ['charged', 'iterable steps: drains the iterable natively (N7); each value O(1)'],
  'Proxy': ['constant', 'creates a proxy, O(1). Nested proxies make IsArray / Object.prototype.toString recurse once per level (bounded by the native stack: RangeError)'],
  'decodeURI': ['charged', 'input length, one uninterruptible pass, output <= input ("%25".repeat(2**24): 83 ms); not charged today'],
  'decodeURIComponent': ['charged', 'input length, one uninterruptible pass, output <= input ("%E4%B8%80".repeat(2**22): 78 ms); not charged today'],
  'encodeURI': ['charged', 'input length, one uninterruptible pass; output up to 9x the input (3 UTF-8 bytes as %XX each); not charged today'],
  'encodeURIComponent': ['charged', 'input length, one uninterruptible pass; output up to 9x the input: "\\u4e00".repeat(2**24) -> 151M chars in 0.4 s; not charged today'],
  'escape': ['charged', 'input length; output up to 6x the input (%uXXXX): 2**24 chars -> 100M chars in 110 ms; not charged today. Annex B but deterministic and stateless: kept'],
  'unescape': ['charged', 'input length, output <= input; not charged today. Annex B but deterministic and stateless: kept'],
  'isFinite': ['charged', 'ToNumber then a test: replaced, the argument converted once by the library, a long string charged as by unary + (N1)'],
  'isNaN': ['charged', 'as isFinite'],

  // --- Hidden intrinsics ------------------------------------------------------------------------
  '%ThrowTypeError%': ['constant', 'throws a TypeError'],
  '%GeneratorFunction%': ['constant', 'always throws EvalError in the VM (code generation from strings is disabled), after joining its argument texts as a rope (O(argument count))'],
  '%AsyncFunction%': ['constant', 'as %GeneratorFunction%'],
  '%AsyncGeneratorFunction%': ['constant', 'as %GeneratorFunction%'],
  '%GeneratorPrototype%.next': ['constant', 'resumes the generator (its body is metered contract code)'],
  '%GeneratorPrototype%.return': ['constant', 'resumes the generator with a return (finally blocks are contract code)'],
  '%GeneratorPrototype%.throw': ['constant', 'resumes the generator with a throw'],
  '%AsyncGeneratorPrototype%.next': ['constant', 'queues one request and resumes the generator if idle'],
  '%AsyncGeneratorPrototype%.return': ['constant', 'queues one request (awaits the value once)'],
  '%AsyncGeneratorPrototype%.throw': ['constant', 'queues one request'],
  '%ArrayIteratorPrototype%.next': ['charged', 'reads one index (a hole reads the prototype chain: N3); over an object other than an array or a typed array, ToLength(this.length) at every step scans a string length (2 MiB of spaces: 11 ms a step for ~15 gas, red team round 33). Replaced: V8\'s next runs only on the iterators V8 made for Array.prototype.values/keys/entries over a genuine array or a typed array (stamped as made); over any other object those return a library iterator that reads length through the charged conversion; any other receiver is refused (the copy of an arguments object `f.arguments` hands out carries V8\'s own values)'],
  '%MapIteratorPrototype%.next': ['constant', 'one entry; skipping deleted entries is amortized against the deletes (the table shrinks)'],
  '%SetIteratorPrototype%.next': ['constant', 'one value; skipping deleted entries is amortized against the deletes'],
  '%StringIteratorPrototype%.next': ['constant', 'one code point per step'],
  '%RegExpStringIteratorPrototype%.next': ['removed', 'unreachable: RegExp.prototype[Symbol.matchAll] is replaced by library JS, whose iterator is a library generator over the charged exec'],
  '%IteratorPrototype%[Symbol.iterator]': ['constant', 'returns this'],
  '%AsyncIteratorPrototype%[Symbol.asyncIterator]': ['constant', 'returns this'],
  '%GlobalThisPrototype%.constructor': ['constant', 'the constructor of the global object prototype that Context::New makes (an API function with no callback): returns an empty object or the receiver'],

  // --- %TypedArray% -----------------------------------------------------------------------------
  '%TypedArray%': ['constant', 'throws a TypeError (abstract)'],
  '%TypedArray%.of': ['charged', 'argument count: each converted and stored; not charged today'],
  '%TypedArray%.from': ['charged', 'source length or iterable steps (N7), mapFn per element (N5); the library wraps each concrete T.from (charged by source.length, 1 for an iterable, N6), but this function itself is reachable unwrapped: Object.getPrototypeOf(Uint8Array).from.call(Uint8Array, {length: 2**25}) ran 1.06 s for 2 gas'],
  'get %TypedArray%[Symbol.species]': ['constant', 'returns this'],
  'get %TypedArray%.prototype.buffer': ['constant', 'reads a slot'],
  'get %TypedArray%.prototype.byteLength': ['constant', 'reads a slot'],
  'get %TypedArray%.prototype.byteOffset': ['constant', 'reads a slot'],
  'get %TypedArray%.prototype.length': ['constant', 'reads a slot'],
  'get %TypedArray%.prototype[Symbol.toStringTag]': ['constant', 'reads the element kind'],
  '%TypedArray%.prototype.entries': ['charged', 'creates an iterator over a typed array (any other this is refused): replaced, only to stamp the iterator that %ArrayIteratorPrototype%.next accepts'],
  '%TypedArray%.prototype.keys': ['charged', 'creates an iterator over a typed array (any other this is refused): replaced, only to stamp the iterator that %ArrayIteratorPrototype%.next accepts'],
  '%TypedArray%.prototype.values': ['charged', 'creates an iterator over a typed array (any other this is refused): replaced, only to stamp the iterator that %ArrayIteratorPrototype%.next accepts'],
  '%TypedArray%.prototype.copyWithin': ['charged', 'count elements moved (memmove, fast); the wrapper charges this.length, fooled by an own length property (N6)'],
  '%TypedArray%.prototype.every': ['charged', 'internal length: one callback call per element (no holes); a built-in callback is unmetered (N5: u8.every(Number.isInteger)); not charged today'],
  '%TypedArray%.prototype.fill': ['charged', 'count elements (memset when possible: 2**26 bytes 7 ms); wrapped by this.length (N6)'],
  '%TypedArray%.prototype.filter': ['charged', 'internal length: callback per element (N5) + result copy; wrapped by this.length (N6)'],
  '%TypedArray%.prototype.find': ['charged', 'internal length: callback per element (N5); not charged today'],
  '%TypedArray%.prototype.findIndex': ['charged', 'internal length: callback per element (N5); not charged today'],
  '%TypedArray%.prototype.forEach': ['charged', 'internal length: callback per element (N5); not charged today'],
  '%TypedArray%.prototype.includes': ['charged', 'internal length: native scan, uninterruptible (2**26 bytes 41 ms); wrapped by this.length (N6)'],
  '%TypedArray%.prototype.indexOf': ['charged', 'internal length: native scan, uninterruptible; wrapped by this.length (N6)'],
  '%TypedArray%.prototype.join': ['charged', 'internal length: every element to a string plus separators, uninterruptible: 2**26 elements 2.9 s; output up to length x (separator + 24) chars; wrapped by this.length, and an own length of 0 (N6) made u8.join() of 2**25 elements cost 3 gas for 1.16 s'],
  '%TypedArray%.prototype.lastIndexOf': ['charged', 'internal length: native scan, uninterruptible; wrapped by this.length (N6)'],
  '%TypedArray%.prototype.map': ['charged', 'internal length: callback per element (N5) + result; wrapped by this.length (N6)'],
  '%TypedArray%.prototype.reverse': ['charged', 'internal length: swaps in place (2**26 bytes 25 ms); wrapped by this.length (N6)'],
  '%TypedArray%.prototype.reduce': ['charged', 'internal length: callback per element (N5); not charged today'],
  '%TypedArray%.prototype.reduceRight': ['charged', 'internal length: callback per element (N5); not charged today'],
  '%TypedArray%.prototype.set': ['charged', 'source length (<= target length): memmove for typed arrays, Gets + conversions for array-likes; wrapped by this.length (N6)'],
  '%TypedArray%.prototype.slice': ['charged', 'count elements copied (species constructor may be contract code); wrapped by this.length (N6)'],
  '%TypedArray%.prototype.some': ['charged', 'internal length: callback per element (N5); not charged today'],
  '%TypedArray%.prototype.sort': ['charged', 'n log n, native std::sort, uninterruptible: 2**26 Uint8 0.56 s, 2**23 Float64 1.0 s; with a comparator one contract call per comparison; wrapped by this.length only (not n log n), N6'],
  '%TypedArray%.prototype.subarray': ['charged', 'a new view on the same buffer (the species constructor may be contract code); replaced: begin and end converted once by the library (N1)'],
  '%TypedArray%.prototype.toLocaleString': ['charged', 'internal length: Invoke(element, "toLocaleString") per element (the library Number.prototype.toLocaleString, library JS, unmetered) plus a join: 2**26 elements 19 s in node18, uninterruptible there; NOT charged today (only toString is)'],
  '%TypedArray%.prototype.at': ['constant', 'library JS in the VM (V8 version disabled by flag): one index read; uses length >>> 0, not ToLength'],
  '%TypedArray%.prototype.findLast': ['charged', 'library JS in the VM: one predicate call per index from length-1 down (N5: a built-in predicate loops unmetered, interruptible); length >>> 0'],
  '%TypedArray%.prototype.findLastIndex': ['charged', 'as %TypedArray%.prototype.findLast'],

  // --- Object -----------------------------------------------------------------------------------
  'Object.assign': ['charged', 'own enumerable properties of every source (a string source gives one per char: Object.assign({}, "a".repeat(2**22)) 2.1 s, uninterruptible), argument count; not charged today'],
  'Object.getOwnPropertyDescriptor': ['constant', 'one own-property lookup (N2)'],
  'Object.getOwnPropertyDescriptors': ['charged', 'own property count (a string / String wrapper / typed array: one per index: 2**22-char string 6.2 s, uninterruptible); not charged today'],
  'Object.getOwnPropertyNames': ['charged', 'own property count; index keys of strings and typed arrays made on the fly (new String of 1e7 chars: 7.8 s, uninterruptible); charged today by the result length AFTER it ran'],
  'Object.getOwnPropertySymbols': ['charged', 'own property count (scans all keys); charged after it ran'],
  'Object.is': ['charged', 'compares two long strings in O(length): replaced, two strings of one length over 1,024 characters charged by length (N2)'],
  'Object.preventExtensions': ['constant', 'a map transition (1e7-element arrays: 0 ms)'],
  'Object.seal': ['charged', 'own property / element count: every one redefined (holey 1e7-element array 107 ms); not charged today'],
  'Object.create': ['charged', 'with a properties argument: its own keys, each defined (as defineProperties); without: O(1)'],
  'Object.defineProperties': ['charged', 'own keys of the descriptor object, each descriptor read and defined; not charged today'],
  'Object.defineProperty': ['constant', 'one definition (N2). Shrinking an array length deletes elements, amortized against their creation; a fast object may be normalized once'],
  'Object.freeze': ['charged', 'own property / element count: every one redefined (holey 1e7-element array 111 ms); not charged today'],
  'Object.getPrototypeOf': ['constant', 'reads the prototype (a proxy trap is contract code)'],
  'Object.setPrototypeOf': ['charged', 'prototype chain depth: the cycle check walks the new prototype chain on every call (10**6 deep: ~41 ms a call)'],
  'Object.isExtensible': ['constant', 'reads a map bit'],
  'Object.isFrozen': ['charged', 'dictionary-mode objects and arrays: every property / element checked on every call (frozen holey array of 1e7: 126 ms a call, uncached); fast objects O(1)'],
  'Object.isSealed': ['charged', 'as Object.isFrozen'],
  'Object.keys': ['charged', 'own property count (index keys of strings / typed arrays made on the fly: 2**22-char string 1.9 s, uninterruptible); charged today by the result length AFTER it ran'],
  'Object.entries': ['charged', 'own property count, one array per entry (2**22-char string 7.4 s, uninterruptible); charged after it ran'],
  'Object.fromEntries': ['charged', 'iterable steps (N7: native iterators loop until the deadline, one property per entry, unmetered)'],
  'Object.values': ['charged', 'own property count; charged after it ran'],
  'Object.hasOwn': ['constant', 'library JS in the VM (V8 version disabled by flag): one own-property lookup (N2)'],

  // --- Object.prototype -------------------------------------------------------------------------
  'Object.prototype.__defineGetter__': ['constant', 'one accessor definition (Annex B, same power as defineProperty: kept)'],
  'Object.prototype.__defineSetter__': ['constant', 'one accessor definition (Annex B: kept)'],
  'Object.prototype.hasOwnProperty': ['constant', 'one own-property lookup (N2)'],
  'Object.prototype.__lookupGetter__': ['constant', 'walks the prototype chain, bounded wherever one is made (setPrototypeOf, Object.create, __proto__, object literals, class extends, a function\'s prototype: 32 links; docs/hostile.md, "prototype chains")'],
  'Object.prototype.__lookupSetter__': ['constant', 'as __lookupGetter__'],
  'Object.prototype.isPrototypeOf': ['constant', 'as __lookupGetter__'],
  'Object.prototype.propertyIsEnumerable': ['constant', 'one own-property lookup (N2)'],
  'Object.prototype.toString': ['charged', 'IsArray (recursion through nested proxies bounded by the native stack) and one @@toStringTag lookup (N3); "[object " + tag + "]" grows a 2 MiB tag by 9 characters a call: the wrapper caps and charges the result'],
  'Object.prototype.valueOf': ['constant', 'ToObject(this)'],
  'get Object.prototype.__proto__': ['constant', 'reads the prototype'],
  'set Object.prototype.__proto__': ['charged', 'prototype chain depth: cycle check as Object.setPrototypeOf'],
  'Object.prototype.toLocaleString': ['constant', 'calls this.toString once'],

  // --- Function ---------------------------------------------------------------------------------
  'Function.prototype': ['constant', 'callable, returns undefined'],
  'Function.prototype.apply': ['charged', 'argArray length: CreateListFromArrayLike reads every index in a native loop before the stack check throws: f.apply(null, {length: 1.2e8}) 4.2 s, uninterruptible, then RangeError; not charged today'],
  'Function.prototype.bind': ['charged', 'copies the bound arguments, at most a frame\'s or a spread\'s worth; nested binds add up: 30 levels of 4,096 made every call of the result copy ~120,000 arguments (~27 us/gas). The wrapper caps the bound arguments of a whole nesting at 4,096 and the nesting at 64 levels, and charges per argument'],
  'Function.prototype.call': ['constant', 'forwards its arguments (O(argument count), as any call with spread)'],
  'Function.prototype.toString': ['constant', 'a slice of the script source (no copy) or a fixed native-code text. Replaced so that the realm\'s functions and bound functions (library functions) show as native code, not the library\'s source'],
  'Function.prototype[Symbol.hasInstance]': ['constant', 'instanceof walks the prototype chain: as Object.prototype.__lookupGetter__'],

  // --- Array ------------------------------------------------------------------------------------
  'Array.isArray': ['constant', 'one check; nested proxies recurse once per level, bounded by the native stack (RangeError)'],
  'Array.from': ['charged', 'source length or iterable steps (N7), mapFn per item (N5); charged today by the result length AFTER it ran; array-like source loop is uninterruptible (Array.from({length: 2**26}) 5.5 s)'],
  'Array.of': ['charged', 'argument count (charged today by it)'],
  'get Array[Symbol.species]': ['constant', 'returns this'],
  'Array.prototype.concat': ['charged', 'this.length + each argument: an array by its length, and an object with Symbol.isConcatSpreadable by its length too, which the wrapper counts as 1: [].concat({length: 2**31, [Symbol.isConcatSpreadable]: true}) charged 2 gas, >15 s uninterruptible (2**26: 0.9 s); holes N4'],
  'Array.prototype.copyWithin': ['charged', 'count indices moved, holes included (N4: Array(2**32-1).copyWithin(0, 1) ignores the deadline); wrapped by this.length (N6)'],
  'Array.prototype.fill': ['charged', 'end - start indices; a dictionary-mode array inserts one entry each (Array(2**26).fill(0) 20 s, uninterruptible); wrapped by this.length (N6)'],
  'Array.prototype.find': ['charged', 'this.length indices, holes included: one callback call per index (interruptible; a built-in callback is unmetered, N5); not charged today'],
  'Array.prototype.findIndex': ['charged', 'as Array.prototype.find'],
  'Array.prototype.lastIndexOf': ['charged', 'this.length indices, uninterruptible over holes (N4: ({length: 2**30, 0: 1}) 8 s); string equality O(length) per element (N2); wrapped by this.length (N6)'],
  'Array.prototype.pop': ['charged', 'one read, one delete, one length write; ToLength of a string length scans it (2 MiB of spaces: 11 ms a call): replaced: on an array-like, the library finds the length V8 will read, charges a string, refuses a getter, an object or a proxy'],
  'Array.prototype.push': ['charged', 'argument count (a.push(...b) copies up to ~125k items; 100 pushes of 124k: 330 ms); amortized growth; not charged today'],
  'Array.prototype.reverse': ['charged', 'this.length indices, uninterruptible over holes (N4); wrapped by this.length (N6)'],
  'Array.prototype.shift': ['charged', 'moves this.length - 1 indices (V8 left-trims fast arrays, but generic / dictionary ones are walked: N4); wrapped by this.length (N6)'],
  'Array.prototype.unshift': ['charged', 'moves this.length indices + argument count (N4); wrapped by this.length (N6)'],
  'Array.prototype.slice': ['charged', 'end - start indices (N4 over holes and array-likes); wrapped by this.length (N6)'],
  'Array.prototype.sort': ['charged', 'n log n comparisons after copying this.length indices into a work FixedArray: an array-like with length >= 2**27 ABORTS THE PROCESS (FATAL "invalid array length"); with a length getter (N6) that costs 2 gas; holes uninterruptible (N4); wrapped by n log2 n'],
  'Array.prototype.splice': ['charged', 'this.length - start moved + deleted + inserted (argument count), holes N4; wrapped by this.length (N6)'],
  'Array.prototype.includes': ['charged', 'this.length indices, uninterruptible ({length: 2**53-1, 0: 1}.includes(2) never ends) (N4); string equality per element (N2); wrapped by this.length (N6)'],
  'Array.prototype.indexOf': ['charged', 'this.length indices, uninterruptible (N4: Array(2**32-1) with one element ignores the deadline); string equality (N2); wrapped by this.length (N6)'],
  'Array.prototype.join': ['charged', 'this.length items (each ToString, nested arrays recurse through toString -> the wrapped join) + output: separator x (length - 1) chars; the V8 loop has no interrupt check (N4: ({length: 2**32-1, 0: 1}) ignores the deadline); wrapped by this.length (N6)'],
  'Array.prototype.keys': ['charged', 'creates an iterator that walks this.length, read as a number at each step (see %ArrayIteratorPrototype%.next): replaced, over a genuine array or a typed array V8\'s iterator (stamped), over any other object the library\'s'],
  'Array.prototype.entries': ['charged', 'creates an iterator that walks this.length, read as a number at each step (see %ArrayIteratorPrototype%.next): replaced, over a genuine array or a typed array V8\'s iterator (stamped), over any other object the library\'s'],
  'Array.prototype.values': ['charged', 'creates an iterator that walks this.length, read as a number at each step (see %ArrayIteratorPrototype%.next): replaced, over a genuine array or a typed array V8\'s iterator (stamped), over any other object the library\'s'],
  'Array.prototype.forEach': ['charged', 'this.length indices: holes skipped natively with no interrupt check (N4: Array(2**30).forEach(f) 16.9 s; {length: 2**53-1} never ends); callback per element, unmetered if built-in (N5: 1e6 x Math.abs 7.7 ms a call); not charged today'],
  'Array.prototype.filter': ['charged', 'this.length indices (N4) + callback per element (N5) + result; wrapped by 2 x this.length (N6)'],
  'Array.prototype.flat': ['charged', 'the sum of the lengths of every array it descends into, not this.length: [Array(2**30)].flat() 17 s uninterruptible for 1 item of charge; a DAG of 40 nested pairs with flat(Infinity) does 2**40 steps (interruptible, unmetered); depth bounded by the native stack'],
  'Array.prototype.flatMap': ['charged', 'this.length callback calls + the length of every returned array (N4: [1].flatMap(() => Array(2**28)) 4 s for 5 gas); wrapped by 2 x this.length'],
  'Array.prototype.map': ['charged', 'this.length indices (N4) + callback per element (N5) + result; wrapped by 2 x this.length (N6)'],
  'Array.prototype.every': ['charged', 'this.length indices (N4: Array.prototype.every.call({length: 2**30}, Array.isArray) 6.6 s, uninterruptible) + callback per element (N5); not charged today'],
  'Array.prototype.some': ['charged', 'as Array.prototype.every'],
  'Array.prototype.reduce': ['charged', 'this.length indices (N4) + callback per element (N5: reduce(Math.max)); not charged today'],
  'Array.prototype.reduceRight': ['charged', 'as Array.prototype.reduce'],
  'Array.prototype.toLocaleString': ['charged', 'this.length items, each Invoke(item, "toLocaleString") (library JS for numbers, unmetered), nested arrays recurse natively (a 40-pair DAG: exponential, interruptible); ({length: 2**32-1}) ignores the deadline; not charged today'],
  'Array.prototype.at': ['constant', 'library JS in the VM (V8 version disabled by flag): one index read; length >>> 0, not ToLength'],
  'Array.prototype.findLast': ['charged', 'library JS in the VM: one predicate call per index from length-1 down (N5: a built-in predicate loops unmetered, interruptible); length >>> 0'],
  'Array.prototype.findLastIndex': ['charged', 'as Array.prototype.findLast'],
  'Array.prototype.toString': ['delegates', 'calls this.join: charged by Array.prototype.join'],

  // --- Number, Boolean ------------------------------------------------------------------------------
  'Number.isFinite': ['constant', 'type test, no coercion'],
  'Number.isInteger': ['constant', 'type test, no coercion'],
  'Number.isNaN': ['constant', 'type test, no coercion'],
  'Number.isSafeInteger': ['constant', 'type test, no coercion'],
  'Number.prototype.toExponential': ['charged', 'fractionDigits <= 100: bounded output; replaced: the argument converted once by the library (N1)'],
  'Number.prototype.toFixed': ['charged', 'fractionDigits <= 100, |x| < 1e21 else ToString: bounded output; replaced: the argument converted once by the library (N1)'],
  'Number.prototype.toPrecision': ['charged', 'precision <= 100: bounded output; replaced: the argument converted once by the library (N1)'],
  'Number.prototype.toString': ['charged', 'a double in radix 2..36: at most ~1100 chars; replaced: the argument converted once by the library (N1)'],
  'Number.prototype.valueOf': ['constant', 'reads the value'],
  'Number.prototype.toLocaleString': ['constant', 'replaced by library JS: Number.prototype.toString of this (no ICU, no locale)'],
  'Boolean.prototype.toString': ['constant', 'reads the value'],
  'Boolean.prototype.valueOf': ['constant', 'reads the value'],

  // --- String ------------------------------------------------------------------------------------
  'String.fromCharCode': ['charged', 'argument count (charged today by it; up to ~125k arguments per call)'],
  'String.fromCodePoint': ['charged', 'argument count (charged today by it)'],
  'String.raw': ['charged', 'raw.length segments, each Get + ToString ("undefined" for missing) + substitutions, in a native loop with no interrupt check: String.raw({raw: {length: 2**53-1}}) ran >90 s and ignored the deadline (1e7: 1.8 s); node18 with a 64 MiB heap aborts on OOM after ~1 s (the VM near-heap-limit callback only requests termination, which this loop ignores); NOT charged today'],
  'Symbol.for': ['removed', 'the symbol registry is per isolate and strong: keys (any length) outlive the call and the contract, shared by every call in the sandbox: hidden cross-call state and a heap leak that can make later calls run out of memory; replace with a per-call registry if libraries need it'],
  'Symbol.keyFor': ['constant', 'one registry lookup by symbol'],
  'String.prototype.anchor': ['charged', 'argument length: escapes every " in the attribute as &quot; (output up to 6x: q.link(q) with 2**24 quotes > 1.2 s); this string joined as a rope'],
  'String.prototype.big': ['charged', 'ToString(this), then a rope "<big>" + s + "</big>" (no copy): fed back in, it grows by 11 characters a call past the string limit; the wrapper caps and charges it'],
  'String.prototype.blink': ['charged', 'as String.prototype.big'],
  'String.prototype.bold': ['charged', 'as String.prototype.big'],
  'String.prototype.charAt': ['charged', 'the first read of a rope flattens it (O(length), once per rope: 2**24 chars 170-735 ms), then O(1)'],
  'String.prototype.charCodeAt': ['charged', 'as String.prototype.charAt (rope flattened once)'],
  'String.prototype.codePointAt': ['charged', 'as String.prototype.charAt (rope flattened once)'],
  'String.prototype.concat': ['charged', 'argument count (each ToString, joined as ropes, O(1) each); wrapped by total length, coercing every part once more in the wrapper (a toString runs twice, N6)'],
  'String.prototype.endsWith': ['charged', 'searchString length (<= this length) compared, both flattened; wrapped by this.length (N6)'],
  'String.prototype.fontcolor': ['charged', 'as String.prototype.anchor'],
  'String.prototype.fontsize': ['charged', 'as String.prototype.anchor'],
  'String.prototype.fixed': ['charged', 'as String.prototype.big'],
  'String.prototype.includes': ['charged', 'O(n x m) worst case, uninterruptible: V8 string search on "a".repeat(2**20) for "a".repeat(1e4)+"b"+"a".repeat(1e4) takes 2.8 s (2**24: 48 s); the wrapper charges this.length / 32 only (N6)'],
  'String.prototype.indexOf': ['charged', 'as String.prototype.includes (O(n x m), uninterruptible, 2.75 s for 1M x 20k)'],
  'String.prototype.italics': ['charged', 'as String.prototype.big'],
  'String.prototype.lastIndexOf': ['charged', 'O(n x m) worst case, uninterruptible ("a".repeat(2**20).lastIndexOf("a".repeat(1e4)+"b") 3.2 s); wrapped by this.length / 32 (N6)'],
  'String.prototype.link': ['charged', 'as String.prototype.anchor'],
  'String.prototype.localeCompare': ['charged', 'replaced by library JS: String(this), String(that), then < and > (O(common prefix)); wrapped by this.length'],
  'String.prototype.match': ['charged', 'this length: one exec, or one per match with /g (exec wrapper charges scanned chars); a string pattern becomes a RegExp (compile cost as RegExp); wrapped by this.length'],
  'String.prototype.matchAll': ['charged', 'creates the iterator (string pattern compiled as RegExp); each next is one exec'],
  'String.prototype.normalize': ['charged', 'this length, one uninterruptible pass; output up to 18x ("\\ufdfa" NFKD: 2**22 chars -> 75M in 0.32 s); results follow the ICU/Unicode version of the node (pin libicu); wrapped by this.length'],
  'String.prototype.padEnd': ['charged', 'maxLength output chars (filler repeated); wrapped by maxLength'],
  'String.prototype.padStart': ['charged', 'maxLength output chars; wrapped by maxLength'],
  'String.prototype.repeat': ['charged', 'length x count output (built as a rope of doublings, flattened later by whatever reads it); wrapped by length x count'],
  'String.prototype.replace': ['charged', 'this length: a string pattern uses the O(n x m) uninterruptible search (3.0 s for 1M x 20k); a RegExp goes through RegExp.prototype[Symbol.replace]; replacement $` / $\' build ropes whose total length can be quadratic: "a".repeat(3e4).replaceAll("a", "$`") is a 450M-char rope made in 9 ms, flattened later in 0.2 s. The wrapper finds the positions natively (search charged) and makes the output itself, counted against the string limit as it grows'],
  'String.prototype.replaceAll': ['charged', 'as String.prototype.replace (all occurrences; quadratic $` / $\' output)'],
  'String.prototype.search': ['charged', 'one exec (a string pattern compiled as RegExp); wrapped by this.length'],
  'String.prototype.slice': ['charged', 'flattens a rope first (once), then a sliced string O(1); wrapped by this.length'],
  'String.prototype.small': ['charged', 'as String.prototype.big'],
  'String.prototype.split': ['charged', 'this length: a string separator uses the O(n x m) uninterruptible search; "" gives one string per char (2**24: 330 ms for chars(2**24) = 2**19 gas); a RegExp goes through exec per position; wrapped by this.length'],
  'String.prototype.strike': ['charged', 'as String.prototype.big'],
  'String.prototype.sub': ['charged', 'as String.prototype.big'],
  'String.prototype.substr': ['charged', 'as String.prototype.slice'],
  'String.prototype.substring': ['charged', 'as String.prototype.slice'],
  'String.prototype.sup': ['charged', 'as String.prototype.big'],
  'String.prototype.startsWith': ['charged', 'searchString length (<= this length) compared, both flattened; wrapped by this.length (N6)'],
  'String.prototype.toString': ['constant', 'returns the string'],
  'String.prototype.trim': ['charged', 'scans whitespace from both ends ("\\u0020".repeat(2**27) 173 ms, uninterruptible); flattens a rope; wrapped by this.length'],
  'String.prototype.trimStart': ['charged', 'as String.prototype.trim'],
  'String.prototype.trimEnd': ['charged', 'as String.prototype.trim'],
  'String.prototype.toLocaleLowerCase': ['charged', 'replaced by the library with the wrapped toLowerCase (same object): as String.prototype.toLowerCase'],
  'String.prototype.toLocaleUpperCase': ['charged', 'replaced by the library with the wrapped toUpperCase (same object): as String.prototype.toUpperCase'],
  'String.prototype.toLowerCase': ['charged', 'this length, one uninterruptible pass (ICU for non-ASCII: pin libicu); wrapped by this.length'],
  'String.prototype.toUpperCase': ['charged', 'this length, output up to 3x ("\\u0390" -> 3 chars; 2**22 of them 96 ms), uninterruptible; ICU for non-ASCII; wrapped by this.length'],
  'String.prototype.valueOf': ['constant', 'returns the string'],
  'String.prototype.at': ['charged', 'library JS in the VM: String(this) then one index: a rope is flattened once (166 ms for 2**24 chars); not wrapped'],
  'String.prototype[Symbol.iterator]': ['constant', 'creates an iterator (its next flattens a rope once)'],

  // --- Symbol ------------------------------------------------------------------------------------
  'Symbol.prototype.toString': ['charged', 'a rope "Symbol(" + description + ")": 8 characters past a 2 MiB description; the wrapper caps and charges it'],
  'Symbol.prototype.valueOf': ['constant', 'returns the symbol'],
  'get Symbol.prototype.description': ['constant', 'reads a slot'],
  'Symbol.prototype[Symbol.toPrimitive]': ['constant', 'returns the symbol'],

  // --- Promise -----------------------------------------------------------------------------------
  'Promise.all': ['charged', 'iterable steps, each a resolve + then; V8 stops at 2**21 elements and rejects: Promise.all(Array(2**32-1)) ~0.9 s of native iteration per call, for a few gas (N7)'],
  'Promise.allSettled': ['charged', 'as Promise.all'],
  'Promise.any': ['charged', 'as Promise.all'],
  'Promise.race': ['charged', 'iterable steps with no cap: Promise.race(Array(2**32-1)) iterates until the deadline, one reaction per element (N7)'],
  'Promise.resolve': ['constant', 'one promise; a thenable queues one job'],
  'Promise.reject': ['constant', 'one rejected promise'],
  'get Promise[Symbol.species]': ['constant', 'returns this'],
  'Promise.prototype.then': ['constant', 'one reaction (species constructor may be contract code)'],
  'Promise.prototype.catch': ['constant', 'Invoke(this, "then") once'],
  'Promise.prototype.finally': ['constant', 'creates two closures and calls then once; the closures call onFinally natively, so the library hands it over as a counted call'],

  // --- RegExp ------------------------------------------------------------------------------------
  'get RegExp[Symbol.species]': ['constant', 'returns this'],
  'RegExp.prototype.exec': ['charged', 'characters scanned (the library wrapper charges end - from); backtracking: run on a twin (each repetition a counted choice) with a backtrack limit charged per attempt (at most 2^20), plus a probe per position on failure and each twin compiled; forward scanning by lookarounds and back-references is charged up front by the text (4x), not by its work (docs/hostile.md)'],
  'get RegExp.prototype.dotAll': ['constant', 'reads a flag'],
  'get RegExp.prototype.flags': ['constant', 'reads eight flag getters (contract getters on a subclass are metered)'],
  'get RegExp.prototype.global': ['constant', 'reads a flag'],
  'get RegExp.prototype.hasIndices': ['constant', 'reads a flag'],
  'get RegExp.prototype.ignoreCase': ['constant', 'reads a flag'],
  'get RegExp.prototype.multiline': ['constant', 'reads a flag'],
  'get RegExp.prototype.source': ['constant', 'returns the source escaped at construction'],
  'get RegExp.prototype.sticky': ['constant', 'reads a flag'],
  'get RegExp.prototype.unicode': ['constant', 'reads a flag'],
  'RegExp.prototype.compile': ['removed', 'Annex B: recompiles a regex in place, changing internal slots that freezing does not protect: Object.freeze(/a/g).compile("b", "i") changes source and flags to b / i and only then throws on lastIndex; also pays the RegExp parse cost unmetered'],
  'RegExp.prototype.toString': ['charged', 'a rope "/" + source + "/" + flags, generic: with source and flags its own result, it doubles each call (25 rounds: 100M chars for 436 gas). The wrapper reads and coerces each once, caps and charges the result'],
  'RegExp.prototype.test': ['charged', 'replaced by library JS over the charged exec (V8 would fall back to its own, uncharged exec when a regex has no callable exec)'],
  'RegExp.prototype[Symbol.match]': ['charged', 'replaced by library JS over the charged exec; the result array capped and counted per match'],
  'RegExp.prototype[Symbol.matchAll]': ['charged', 'replaced by library JS: the matcher made by the library RegExp (checked, charged) unless a species says otherwise, stepped by a library iterator over the charged exec'],
  'RegExp.prototype[Symbol.replace]': ['charged', 'written out in the library (V8 read a match\'s length and copied that many captures in a native loop: a contract exec returning {length: 2**26} held it 1.9 s, uninterruptible): exec per match (charged by RegExp.prototype.exec), at most 2**16 captures a match, each charged; the output ($` / $\' / function results) counted against the string limit as it is made and charged by its length'],
  'RegExp.prototype[Symbol.search]': ['charged', 'replaced by library JS over the charged exec'],
  'RegExp.prototype[Symbol.split]': ['charged', 'written out in the library (V8 copied a contract exec\'s 2**24 captures into the result in 0.95 s, uninterruptible): makes a sticky RegExp (the constructor charges), execs at each position (each exec charged), at most 2**16 captures a match; one gas a piece, at most 2**19 pieces'],

  // --- Error ---------------------------------------------------------------------------------------
  'Error.captureStackTrace': ['charged', 'as Error: captures at most Error.stackTraceLimit (frozen at 10) frames, walking at most the current stack to find constructorOpt; formatting happens later, on the first .stack read, by the library prepareStackTrace (charged per frame)'],
  'Error.prototype.toString': ['charged', 'name + ": " + message as a rope, no cap in V8: feeding the result back as name and message doubles it (25 rounds: 100M chars for 399 gas); the wrapper coerces each once, caps the result at the string limit and charges by its length'],

  // --- JSON, Math ----------------------------------------------------------------------------------
  'JSON.parse': ['charged', 'text length, one uninterruptible pass ("[".repeat(1e7) + "]".repeat(1e7): 3.1 s), nesting by an explicit stack (no native recursion); a reviver is called per property (N5); wrapped by 30 + length / 2'],
  'JSON.stringify': ['charged', 'output size, which can be exponential in the input: an array DAG of 40 nested pairs (80 slots) never finishes (interruptible) and the charge, made AFTER it returns, never comes; a gap makes output O(gap x depth**2): nesting 5000 with gap 10 -> 250M chars in 0.44 s; nesting depth limited by the native stack (RangeError)'],
  'Math.abs': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.acos': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.acosh': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.asin': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.asinh': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.atan': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.atanh': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.atan2': ['charged', 'two numbers in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.ceil': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.cbrt': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.expm1': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.clz32': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.cos': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.cosh': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.exp': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.floor': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.fround': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.hypot': ['charged', 'one pass over its arguments: at most a frame\'s worth or a spread\'s (4,096); replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.imul': ['charged', 'two numbers in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.log': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.log1p': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.log2': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.log10': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.max': ['charged', 'as Math.hypot; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.min': ['charged', 'as Math.hypot; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.pow': ['charged', 'two numbers in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.round': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.sign': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.sin': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.sinh': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.sqrt': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.tan': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.tanh': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],
  'Math.trunc': ['charged', 'one number in, one out; replaced: each argument converted once by the library, a long string charged as by unary + (N1)'],

  // --- ArrayBuffer, DataView -------------------------------------------------------------------------
  'ArrayBuffer.isView': ['constant', 'one type test'],
  'get ArrayBuffer[Symbol.species]': ['constant', 'returns this'],
  'get ArrayBuffer.prototype.byteLength': ['constant', 'reads a slot'],
  'ArrayBuffer.prototype.slice': ['charged', 'end - start bytes allocated and copied (2**26: 36 ms; bounded by the array-buffer budget); species constructor may be contract code; not charged today'],
  'get DataView.prototype.buffer': ['constant', 'reads a slot'],
  'get DataView.prototype.byteLength': ['constant', 'reads a slot'],
  'get DataView.prototype.byteOffset': ['constant', 'reads a slot'],
  'DataView.prototype.getInt8': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setInt8': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getUint8': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setUint8': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getInt16': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setInt16': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getUint16': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setUint16': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getInt32': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setInt32': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getUint32': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setUint32': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getFloat32': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setFloat32': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getFloat64': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setFloat64': ['charged', 'one bounds-checked write; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.getBigInt64': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setBigInt64': ['charged', 'one bounds-checked write; ToBigInt of the value parses a string (superlinear): checked and charged as BigInt()'],
  'DataView.prototype.getBigUint64': ['charged', 'one bounds-checked read; replaced: the offset (and a setter\'s value) converted once by the library (N1)'],
  'DataView.prototype.setBigUint64': ['charged', 'as setBigInt64'],

  // --- Map, Set, WeakMap, WeakSet ---------------------------------------------------------------
  'get Map[Symbol.species]': ['constant', 'returns this'],
  'Map.prototype.get': ['charged', 'a string key compared with an equal-length one in O(length), and V8 hashes a string over 16,383 characters by its length only, so such keys collide (N2): replaced, a string key over 16,383 characters refused, over 1,024 charged by length'],
  'Map.prototype.set': ['charged', 'as Map.prototype.get'],
  'Map.prototype.has': ['charged', 'as Map.prototype.get'],
  'Map.prototype.delete': ['charged', 'as Map.prototype.get'],
  'Map.prototype.clear': ['constant', 'replaces the table (live iterators are moved lazily); wrapped to reset the library\'s model of the table (CollectionTable)'],
  'Map.prototype.entries': ['constant', 'creates an iterator'],
  'Map.prototype.forEach': ['charged', 'entry count, one callback call each; a built-in callback is unmetered (N5); not charged today'],
  'Map.prototype.keys': ['constant', 'creates an iterator'],
  'get Map.prototype.size': ['constant', 'reads a stored count'],
  'Map.prototype.values': ['constant', 'creates an iterator'],
  'get Set[Symbol.species]': ['constant', 'returns this'],
  'Set.prototype.has': ['charged', 'as Map.prototype.get'],
  'Set.prototype.add': ['charged', 'as Map.prototype.get'],
  'Set.prototype.delete': ['charged', 'as Map.prototype.get'],
  'Set.prototype.clear': ['constant', 'replaces the table; wrapped to reset the library\'s model of the table (CollectionTable)'],
  'Set.prototype.entries': ['constant', 'creates an iterator'],
  'Set.prototype.forEach': ['charged', 'as Map.prototype.forEach'],
  'get Set.prototype.size': ['constant', 'reads a stored count'],
  'Set.prototype.values': ['constant', 'creates an iterator'],
  'WeakMap.prototype.delete': ['constant', 'object keys hash by identity'],
  'WeakMap.prototype.get': ['constant', 'object keys hash by identity'],
  'WeakMap.prototype.set': ['constant', 'object keys hash by identity; growth amortized'],
  'WeakMap.prototype.has': ['constant', 'object keys hash by identity'],
  'WeakSet.prototype.delete': ['constant', 'object keys hash by identity'],
  'WeakSet.prototype.has': ['constant', 'object keys hash by identity'],
  'WeakSet.prototype.add': ['constant', 'object keys hash by identity; growth amortized'],

  // --- BigInt ------------------------------------------------------------------------------------
  'BigInt.asUintN': ['charged', 'bits (up to 2**30 bits in the result): BigInt.asUintN(2**30, -1n) builds 128 MiB in 69 ms; otherwise the size of the operand; not charged today'],
  'BigInt.asIntN': ['charged', 'as BigInt.asUintN (the size of the operand or of the result)'],
  'BigInt.prototype.toLocaleString': ['charged', 'the library makes it the ORIGINAL BigInt.prototype.toString, before wrapping toString, so it is not charged: (2n**(2n**24n)-1n).toLocaleString() ran 2.1 s for 2 gas (interruptible)'],
  'BigInt.prototype.toString': ['charged', 'digits of the result, super-linear: 2**24 bits -> 5.05M digits in 2.2 s (interruptible); charged today AFTER it ran, by the result length / 32 (157,830 gas for that)'],
  'BigInt.prototype.valueOf': ['constant', 'returns the value'],

  // --- Proxy, Reflect ----------------------------------------------------------------------------
  'Proxy.revocable': ['constant', 'a proxy and its revocation function'],
  'Reflect.defineProperty': ['constant', 'as Object.defineProperty'],
  'Reflect.deleteProperty': ['constant', 'one deletion (a fast object may be normalized once, amortized)'],
  'Reflect.apply': ['charged', 'argumentsList length: CreateListFromArrayLike reads every index natively before the stack check (Reflect.apply(f, null, {length: 1.2e8}) 4 s, uninterruptible, then RangeError); not charged today'],
  'Reflect.construct': ['charged', 'as Reflect.apply (3.5 s for {length: 1.2e8})'],
  'Reflect.get': ['constant', 'one lookup (N2, N3)'],
  'Reflect.getOwnPropertyDescriptor': ['constant', 'one own-property lookup (N2)'],
  'Reflect.getPrototypeOf': ['constant', 'reads the prototype'],
  'Reflect.has': ['constant', 'one lookup through the chain (N3: 10**6 deep 48 ms)'],
  'Reflect.isExtensible': ['constant', 'reads a map bit'],
  'Reflect.ownKeys': ['charged', 'own property count (index keys of strings / typed arrays made on the fly); charged today by the result length AFTER it ran'],
  'Reflect.preventExtensions': ['constant', 'a map transition'],
  'Reflect.set': ['constant', 'one assignment (N2, N3; setting an array length lower deletes elements, amortized)'],
  'Reflect.setPrototypeOf': ['charged', 'prototype chain depth: cycle check as Object.setPrototypeOf'],

  // --- Functions V8 makes per use ----------------------------------------------------------------
  '(promise resolve function)': ['constant', 'settles once; a thenable is read (.then) and one job queued'],
  '(promise reject function)': ['constant', 'settles once'],
  '(GetCapabilitiesExecutor function)': ['constant', 'stores resolve and reject once'],
  '(Promise.all resolve element function)': ['constant', 'stores one value; the call that completes the set builds the n-element result once (amortized over the n elements)'],
  '(Promise.allSettled resolve element function)': ['constant', 'as (Promise.all resolve element function), one {status, value} object'],
  '(Promise.allSettled reject element function)': ['constant', 'as (Promise.all resolve element function), one {status, reason} object'],
  '(Promise.any reject element function)': ['constant', 'stores one error; the last builds the AggregateError once (amortized)'],
  '(Then Finally function)': ['constant', 'calls onFinally once, then C.resolve and then'],
  '(Catch Finally function)': ['constant', 'calls onFinally once, then C.resolve and then'],
  '(Proxy revocation function)': ['constant', 'clears the proxy target and handler'],
  '(bound function)': ['charged', 'bound arguments + call arguments copied on every call, and one unwrapping per nesting level (1e5 nested binds: 0.78 ms a call); bounded by Function.prototype.bind (4,096 bound arguments and 64 levels in all)'],
};

// The same function objects reachable under other names (C.prototype.constructor back-links left out).
const INVENTORY_ALIASES = {
  'Number.parseFloat': 'parseFloat',
  'Number.parseInt': 'parseInt',
  'get Function.prototype.arguments': '%ThrowTypeError%',
  'set Function.prototype.arguments': '%ThrowTypeError%',
  'get Function.prototype.caller': '%ThrowTypeError%',
  'set Function.prototype.caller': '%ThrowTypeError%',
  '%TypedArray%.prototype[Symbol.iterator]': '%TypedArray%.prototype.values',
  '%TypedArray%.prototype.toString': 'Array.prototype.toString',
  'Array.prototype[Symbol.iterator]': 'Array.prototype.values',
  'String.prototype.trimLeft': 'String.prototype.trimStart',
  'String.prototype.trimRight': 'String.prototype.trimEnd',
  'Map.prototype[Symbol.iterator]': 'Map.prototype.entries',
  'Set.prototype.keys': 'Set.prototype.values',
  'Set.prototype[Symbol.iterator]': 'Set.prototype.values',
};

// Findings: (node18 = V8 10.2.154.26, this machine: 2 slow cores; "deadline ignored" = still running
// after vm.runInContext(code, ctx, {timeout}) fired TerminateExecution; "with the library" = run
// against numbers.js + sandbox.js in a node18 vm context, gas = the library's own charges only)
//
//  1. Process abort, 2 gas. Array.prototype.sort.call({length: 2**27}) (any length >= 2**27) kills
//     the whole process: "FATAL ERROR: invalid array length Allocation failed". The wrapper charges
//     n log n from this.length, so with a getter, let n = 0; const L = {get length() { return ++n > 2
//     ? 2**27 : 0 }}; Array.prototype.sort.call(L) aborts node with the library for 2 gas.
//  2. String.raw({raw: {length: 2**53-1}}): one built-in, no contract code, not charged: >90 s and
//     the deadline ignored (killed); length 1e7: 1.8 s, 16e6: 4.0 s (super-linear). With a 64 MiB
//     heap (--max-old-space-size=64) node aborts on OOM after ~1 s.
//  3. Holes (N4), deadline ignored: Array(2**30).forEach(() => {}) 16.9 s (2**26: 1.1 s, so
//     Array(2**32-1) ~70 s); [Array(2**30)].flat() 17.1 s (charged 1 item); [1].flatMap(() =>
//     Array(2**28)) 4.0 s for 5 gas with the library; Array.prototype.every.call({length: 2**30},
//     Array.isArray) 6.6 s; Array.prototype.lastIndexOf.call({length: 2**30, 0: 1}, 2) 8.0 s;
//     ({length: 2**53-1}) with indexOf/includes/forEach/every/join/toLocaleString never ends.
//     The same for map/filter/some/reduce/reduceRight/indexOf/lastIndexOf/reverse/sort/slice/
//     copyWithin/fill/splice/shift/unshift/flat on Array(2**32-1) or {length: 2**32-1}, and for
//     Array.from({length: 2**32-1}): all still running at 8 s with a 1 s timeout.
//  4. [].concat({length: 2**31, [Symbol.isConcatSpreadable]: true}): killed at 15-20 s, deadline
//     ignored; the wrapper counts a non-array argument as 1 item. 2**26: 0.91 s.
//  5. String search is O(n x m) and uninterruptible: s = "a".repeat(2**20), p = "a".repeat(1e4) +
//     "b" + "a".repeat(1e4): s.indexOf(p) 2.75 s (with the library: 2.76 s, charged by s.length/32),
//     includes 2.9 s, split(p) 2.9 s, replace(p, "") 3.0 s, replaceAll 3.1 s,
//     s.lastIndexOf("a".repeat(1e4) + "b") 3.2 s; with s of 2**24 chars: indexOf 48 s, split 48 s.
//  6. Exponential work from an 80-slot input, unmetered: let a = []; for (let i = 0; i < 40; i++)
//     a = [a, a]; a.flat(Infinity), JSON.stringify(a), a.toLocaleString() each still running at 15 s
//     with the library (interruptible; JSON.stringify is charged only after it returns). a.join()
//     and String(a) do run out of gas (every nested join goes through the wrapper). Depth 27:
//     JSON.stringify 12.2 s then RangeError (so never charged), String(a) 30.6 s.
//  7. Long string keys collide (V8 hashes strings over 16383 chars by length): 2000 distinct keys of
//     20004 chars (differing in the last 4) into a Map: 15.1 s; as object keys: 4.5 s; the same keys
//     cut to 16004 chars: 64 ms. Distinct equal strings of 2**28 chars: 36 ms per m.get / === /
//     includes / Object.is, every time.
//  8. Measured-twice bypasses (N6), with the library: a Uint8Array of 2**25 with an own `length` of 0:
//     u.join() 1.16 s for 3 gas; String.prototype.indexOf.call({length: 0, toString() { return s }}, p)
//     2.6 s (finding 5) for 1 gas; Object.getPrototypeOf(Uint8Array).from.call(Uint8Array,
//     {length: 2**25}) 1.06 s for 2 gas; new Uint8Array({length: 2**25}) 1.07 s for 2 gas (not
//     wrapped, deadline ignored); BigInt.prototype.toLocaleString of 2**24 bits 2.1 s for 2 gas.
//  9. Not charged at all today, deadline ignored: Object.assign({}, "a".repeat(2**22)) 2.1 s;
//     Object.keys / Object.entries / Object.getOwnPropertyDescriptors of that string 1.9 / 7.4 /
//     6.2 s (keys and entries are charged only after they return); Object.getOwnPropertyNames(new
//     String("a".repeat(1e7))) 7.8 s; f.apply(null, {length: 1.2e8}) 4.2 s then RangeError (Reflect.
//     apply 4.0 s, Reflect.construct 3.5 s); %TypedArray%.prototype.join of 2**26 elements 2.9 s,
//     toLocaleString 19.4 s, sort 0.56 s (Float64 2**23: 1.0 s); Array.prototype.slice.call(u8 of
//     2**26) 5.8 s; encodeURIComponent("\u4e00".repeat(2**24)) 0.44 s (151M chars out);
//     "\ufdfa".repeat(2**22).normalize("NFKD") 0.34 s (75M chars out).
// 10. RegExp construction is not charged: new RegExp("[\\p{L}\\p{N}]".repeat(2**13), "ui").test("b")
//     4.6 s, deadline ignored; .repeat(2**14): 9.3 s (interrupted at the next check after ~1.2 s);
//     new RegExp("\\p{L}".repeat(2**16), "u") 4.9 s then "too large"; new RegExp("(?:a|b)".repeat(
//     2**20)) 0.93 s, deadline ignored, then "too large".
// 11. Charged after the fact / cheaply, big outputs: "a".repeat(3e4).replaceAll("a", "$`") makes a
//     450M-char rope in 9 ms (charge: ~1k gas by this.length), flattened later in 0.22 s by any
//     charAt; JSON.stringify(nested 5000 deep, null, 10) 250M chars in 0.44 s.
// 12. Per-call costs with no cache, repeatable for a few gas each: 10**6-deep prototype chain:
//     isPrototypeOf 33 ms, instanceof 35 ms, setPrototypeOf 41 ms, Reflect.has 48 ms,
//     Object.prototype.toString 47 ms per call; Object.isFrozen on a frozen holey array of 1e7
//     elements 126 ms per call; Math.abs(" ".repeat(2**28)) 190 ms per call; Math.max(...a) with
//     124k arguments 0.23 ms per call; arr.forEach(Math.abs) on 1e6 elements 7.7 ms per call.
// 13. Interruptible but never charged (N7): new Set / new Map / new WeakSet / new WeakMap /
//     Object.fromEntries / Promise.race / AggregateError / new Uint8Array over {[Symbol.iterator]:
//     Object.prototype.valueOf, next: Object.prototype.valueOf, done: false, value: [1, 1]} loop until
//     the deadline (all stopped at 1.0 s); Promise.all(Array(2**32-1)) ~0.9 s per call then rejects
//     (2**21-element cap); BigInt(string), BigInt toString, * and / are interruptible.
