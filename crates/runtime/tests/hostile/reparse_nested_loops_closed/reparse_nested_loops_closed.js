// Threat: V8 closes every iterator a throw leaves, and words (then drops)
// a TypeError for each whose `return` is not a function, parsing the
// method again each time: a throw through 300 nested loops bought 300
// parses for one charge (red team round 11, ~8,000x the median per gas).
// Now each loop hands V8 the library's iterator, whose `return` is a
// function.
class ReparseNestedLoopsClosed {
  init() {}

  attack(n) {
    let s = 0;
    const it = { [Symbol.iterator]() { return this; }, next() { return { value: 1, done: false }; }, return: 5 };
    if (n === 'never') { s = s + 0; }
    if (n === 'never') { s = s + 1; }
    if (n === 'never') { s = s + 2; }
    if (n === 'never') { s = s + 3; }
    if (n === 'never') { s = s + 4; }
    if (n === 'never') { s = s + 5; }
    if (n === 'never') { s = s + 6; }
    if (n === 'never') { s = s + 7; }
    if (n === 'never') { s = s + 8; }
    if (n === 'never') { s = s + 9; }
    if (n === 'never') { s = s + 10; }
    if (n === 'never') { s = s + 11; }
    if (n === 'never') { s = s + 12; }
    if (n === 'never') { s = s + 13; }
    if (n === 'never') { s = s + 14; }
    if (n === 'never') { s = s + 15; }
    if (n === 'never') { s = s + 16; }
    if (n === 'never') { s = s + 17; }
    if (n === 'never') { s = s + 18; }
    if (n === 'never') { s = s + 19; }
    if (n === 'never') { s = s + 20; }
    if (n === 'never') { s = s + 21; }
    if (n === 'never') { s = s + 22; }
    if (n === 'never') { s = s + 23; }
    if (n === 'never') { s = s + 24; }
    if (n === 'never') { s = s + 25; }
    if (n === 'never') { s = s + 26; }
    if (n === 'never') { s = s + 27; }
    if (n === 'never') { s = s + 28; }
    if (n === 'never') { s = s + 29; }
    if (n === 'never') { s = s + 30; }
    if (n === 'never') { s = s + 31; }
    if (n === 'never') { s = s + 32; }
    if (n === 'never') { s = s + 33; }
    if (n === 'never') { s = s + 34; }
    if (n === 'never') { s = s + 35; }
    if (n === 'never') { s = s + 36; }
    if (n === 'never') { s = s + 37; }
    if (n === 'never') { s = s + 38; }
    if (n === 'never') { s = s + 39; }
    if (n === 'never') { s = s + 40; }
    if (n === 'never') { s = s + 41; }
    if (n === 'never') { s = s + 42; }
    if (n === 'never') { s = s + 43; }
    if (n === 'never') { s = s + 44; }
    if (n === 'never') { s = s + 45; }
    if (n === 'never') { s = s + 46; }
    if (n === 'never') { s = s + 47; }
    if (n === 'never') { s = s + 48; }
    if (n === 'never') { s = s + 49; }
    if (n === 'never') { s = s + 50; }
    if (n === 'never') { s = s + 51; }
    if (n === 'never') { s = s + 52; }
    if (n === 'never') { s = s + 53; }
    if (n === 'never') { s = s + 54; }
    if (n === 'never') { s = s + 55; }
    if (n === 'never') { s = s + 56; }
    if (n === 'never') { s = s + 57; }
    if (n === 'never') { s = s + 58; }
    if (n === 'never') { s = s + 59; }
    if (n === 'never') { s = s + 60; }
    if (n === 'never') { s = s + 61; }
    if (n === 'never') { s = s + 62; }
    if (n === 'never') { s = s + 63; }
    if (n === 'never') { s = s + 64; }
    if (n === 'never') { s = s + 65; }
    if (n === 'never') { s = s + 66; }
    if (n === 'never') { s = s + 67; }
    if (n === 'never') { s = s + 68; }
    if (n === 'never') { s = s + 69; }
    if (n === 'never') { s = s + 70; }
    if (n === 'never') { s = s + 71; }
    if (n === 'never') { s = s + 72; }
    if (n === 'never') { s = s + 73; }
    if (n === 'never') { s = s + 74; }
    if (n === 'never') { s = s + 75; }
    if (n === 'never') { s = s + 76; }
    if (n === 'never') { s = s + 77; }
    if (n === 'never') { s = s + 78; }
    if (n === 'never') { s = s + 79; }
    if (n === 'never') { s = s + 80; }
    if (n === 'never') { s = s + 81; }
    if (n === 'never') { s = s + 82; }
    if (n === 'never') { s = s + 83; }
    if (n === 'never') { s = s + 84; }
    if (n === 'never') { s = s + 85; }
    if (n === 'never') { s = s + 86; }
    if (n === 'never') { s = s + 87; }
    if (n === 'never') { s = s + 88; }
    if (n === 'never') { s = s + 89; }
    if (n === 'never') { s = s + 90; }
    if (n === 'never') { s = s + 91; }
    if (n === 'never') { s = s + 92; }
    if (n === 'never') { s = s + 93; }
    if (n === 'never') { s = s + 94; }
    if (n === 'never') { s = s + 95; }
    if (n === 'never') { s = s + 96; }
    if (n === 'never') { s = s + 97; }
    if (n === 'never') { s = s + 98; }
    if (n === 'never') { s = s + 99; }
    if (n === 'never') { s = s + 100; }
    if (n === 'never') { s = s + 101; }
    if (n === 'never') { s = s + 102; }
    if (n === 'never') { s = s + 103; }
    if (n === 'never') { s = s + 104; }
    if (n === 'never') { s = s + 105; }
    if (n === 'never') { s = s + 106; }
    if (n === 'never') { s = s + 107; }
    if (n === 'never') { s = s + 108; }
    if (n === 'never') { s = s + 109; }
    if (n === 'never') { s = s + 110; }
    if (n === 'never') { s = s + 111; }
    if (n === 'never') { s = s + 112; }
    if (n === 'never') { s = s + 113; }
    if (n === 'never') { s = s + 114; }
    if (n === 'never') { s = s + 115; }
    if (n === 'never') { s = s + 116; }
    if (n === 'never') { s = s + 117; }
    if (n === 'never') { s = s + 118; }
    if (n === 'never') { s = s + 119; }
    if (n === 'never') { s = s + 120; }
    if (n === 'never') { s = s + 121; }
    if (n === 'never') { s = s + 122; }
    if (n === 'never') { s = s + 123; }
    if (n === 'never') { s = s + 124; }
    if (n === 'never') { s = s + 125; }
    if (n === 'never') { s = s + 126; }
    if (n === 'never') { s = s + 127; }
    if (n === 'never') { s = s + 128; }
    if (n === 'never') { s = s + 129; }
    if (n === 'never') { s = s + 130; }
    if (n === 'never') { s = s + 131; }
    if (n === 'never') { s = s + 132; }
    if (n === 'never') { s = s + 133; }
    if (n === 'never') { s = s + 134; }
    if (n === 'never') { s = s + 135; }
    if (n === 'never') { s = s + 136; }
    if (n === 'never') { s = s + 137; }
    if (n === 'never') { s = s + 138; }
    if (n === 'never') { s = s + 139; }
    if (n === 'never') { s = s + 140; }
    if (n === 'never') { s = s + 141; }
    if (n === 'never') { s = s + 142; }
    if (n === 'never') { s = s + 143; }
    if (n === 'never') { s = s + 144; }
    if (n === 'never') { s = s + 145; }
    if (n === 'never') { s = s + 146; }
    if (n === 'never') { s = s + 147; }
    if (n === 'never') { s = s + 148; }
    if (n === 'never') { s = s + 149; }
    for (;;) {
      try {
        for (const a0 of it) for (const a1 of it) for (const a2 of it) for (const a3 of it) for (const a4 of it) for (const a5 of it) for (const a6 of it) for (const a7 of it) for (const a8 of it) for (const a9 of it) for (const a10 of it) for (const a11 of it) for (const a12 of it) for (const a13 of it) for (const a14 of it) for (const a15 of it) for (const a16 of it) for (const a17 of it) for (const a18 of it) for (const a19 of it) for (const a20 of it) for (const a21 of it) for (const a22 of it) for (const a23 of it) for (const a24 of it) for (const a25 of it) for (const a26 of it) for (const a27 of it) for (const a28 of it) for (const a29 of it) for (const a30 of it) for (const a31 of it) for (const a32 of it) for (const a33 of it) for (const a34 of it) for (const a35 of it) for (const a36 of it) for (const a37 of it) for (const a38 of it) for (const a39 of it) for (const a40 of it) for (const a41 of it) for (const a42 of it) for (const a43 of it) for (const a44 of it) for (const a45 of it) for (const a46 of it) for (const a47 of it) for (const a48 of it) for (const a49 of it) for (const a50 of it) for (const a51 of it) for (const a52 of it) for (const a53 of it) for (const a54 of it) for (const a55 of it) for (const a56 of it) for (const a57 of it) for (const a58 of it) for (const a59 of it) for (const a60 of it) for (const a61 of it) for (const a62 of it) for (const a63 of it) for (const a64 of it) for (const a65 of it) for (const a66 of it) for (const a67 of it) for (const a68 of it) for (const a69 of it) for (const a70 of it) for (const a71 of it) for (const a72 of it) for (const a73 of it) for (const a74 of it) for (const a75 of it) for (const a76 of it) for (const a77 of it) for (const a78 of it) for (const a79 of it) for (const a80 of it) for (const a81 of it) for (const a82 of it) for (const a83 of it) for (const a84 of it) for (const a85 of it) for (const a86 of it) for (const a87 of it) for (const a88 of it) for (const a89 of it) for (const a90 of it) for (const a91 of it) for (const a92 of it) for (const a93 of it) for (const a94 of it) for (const a95 of it) for (const a96 of it) for (const a97 of it) for (const a98 of it) for (const a99 of it) for (const a100 of it) for (const a101 of it) for (const a102 of it) for (const a103 of it) for (const a104 of it) for (const a105 of it) for (const a106 of it) for (const a107 of it) for (const a108 of it) for (const a109 of it) for (const a110 of it) for (const a111 of it) for (const a112 of it) for (const a113 of it) for (const a114 of it) for (const a115 of it) for (const a116 of it) for (const a117 of it) for (const a118 of it) for (const a119 of it) for (const a120 of it) for (const a121 of it) for (const a122 of it) for (const a123 of it) for (const a124 of it) for (const a125 of it) for (const a126 of it) for (const a127 of it) for (const a128 of it) for (const a129 of it) for (const a130 of it) for (const a131 of it) for (const a132 of it) for (const a133 of it) for (const a134 of it) for (const a135 of it) for (const a136 of it) for (const a137 of it) for (const a138 of it) for (const a139 of it) for (const a140 of it) for (const a141 of it) for (const a142 of it) for (const a143 of it) for (const a144 of it) for (const a145 of it) for (const a146 of it) for (const a147 of it) for (const a148 of it) for (const a149 of it) for (const a150 of it) for (const a151 of it) for (const a152 of it) for (const a153 of it) for (const a154 of it) for (const a155 of it) for (const a156 of it) for (const a157 of it) for (const a158 of it) for (const a159 of it) for (const a160 of it) for (const a161 of it) for (const a162 of it) for (const a163 of it) for (const a164 of it) for (const a165 of it) for (const a166 of it) for (const a167 of it) for (const a168 of it) for (const a169 of it) for (const a170 of it) for (const a171 of it) for (const a172 of it) for (const a173 of it) for (const a174 of it) for (const a175 of it) for (const a176 of it) for (const a177 of it) for (const a178 of it) for (const a179 of it) for (const a180 of it) for (const a181 of it) for (const a182 of it) for (const a183 of it) for (const a184 of it) for (const a185 of it) for (const a186 of it) for (const a187 of it) for (const a188 of it) for (const a189 of it) for (const a190 of it) for (const a191 of it) for (const a192 of it) for (const a193 of it) for (const a194 of it) for (const a195 of it) for (const a196 of it) for (const a197 of it) for (const a198 of it) for (const a199 of it) for (const a200 of it) for (const a201 of it) for (const a202 of it) for (const a203 of it) for (const a204 of it) for (const a205 of it) for (const a206 of it) for (const a207 of it) for (const a208 of it) for (const a209 of it) for (const a210 of it) for (const a211 of it) for (const a212 of it) for (const a213 of it) for (const a214 of it) for (const a215 of it) for (const a216 of it) for (const a217 of it) for (const a218 of it) for (const a219 of it) for (const a220 of it) for (const a221 of it) for (const a222 of it) for (const a223 of it) for (const a224 of it) for (const a225 of it) for (const a226 of it) for (const a227 of it) for (const a228 of it) for (const a229 of it) for (const a230 of it) for (const a231 of it) for (const a232 of it) for (const a233 of it) for (const a234 of it) for (const a235 of it) for (const a236 of it) for (const a237 of it) for (const a238 of it) for (const a239 of it) for (const a240 of it) for (const a241 of it) for (const a242 of it) for (const a243 of it) for (const a244 of it) for (const a245 of it) for (const a246 of it) for (const a247 of it) for (const a248 of it) for (const a249 of it) for (const a250 of it) for (const a251 of it) for (const a252 of it) for (const a253 of it) for (const a254 of it) for (const a255 of it) for (const a256 of it) for (const a257 of it) for (const a258 of it) for (const a259 of it) for (const a260 of it) for (const a261 of it) for (const a262 of it) for (const a263 of it) for (const a264 of it) for (const a265 of it) for (const a266 of it) for (const a267 of it) for (const a268 of it) for (const a269 of it) for (const a270 of it) for (const a271 of it) for (const a272 of it) for (const a273 of it) for (const a274 of it) for (const a275 of it) for (const a276 of it) for (const a277 of it) for (const a278 of it) for (const a279 of it) for (const a280 of it) for (const a281 of it) for (const a282 of it) for (const a283 of it) for (const a284 of it) for (const a285 of it) for (const a286 of it) for (const a287 of it) for (const a288 of it) for (const a289 of it) for (const a290 of it) for (const a291 of it) for (const a292 of it) for (const a293 of it) for (const a294 of it) for (const a295 of it) for (const a296 of it) for (const a297 of it) for (const a298 of it) for (const a299 of it) throw 1;
      } catch (e) {
        s += e;
      }
    }
  }
}

module.exports = ReparseNestedLoopsClosed;
