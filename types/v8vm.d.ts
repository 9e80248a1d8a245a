// TypeScript declarations of what a v8vm contract sees (docs/contract-api.md).
//
// For editors and type checks of contract code written in JavaScript (with
// `// @ts-check` or `checkJs`) or TypeScript compiled to JavaScript. Point
// your tsconfig.json at this file ("types/v8vm.d.ts" in "include" or
// "files"), with "lib": ["ES2022"] and no "dom".

/** This contract's key/value state; every key, field and value is a string. */
interface V8vmStorage {
  /** Stores `value` under `key`. `payer` (an account) pays for the bytes; by default the contract. */
  put(key: string, value: string, payer?: string | null): void;
  /** The value under `key`, or `null` if there is none. */
  get(key: string): string | null;
  has(key: string): boolean;
  /** Deletes `key` (deleting a missing key is fine). */
  del(key: string): void;
  mapPut(key: string, field: string, value: string, payer?: string | null): void;
  mapGet(key: string, field: string): string | null;
  mapHas(key: string, field: string): boolean;
  mapDel(key: string, field: string): void;
  /** The fields of map `key`, sorted; `[]` if there are none. */
  mapKeys(key: string): string[];
  mapLen(key: string): number;
  /** Read-only views of another contract's state. */
  globalGet(contract: string, key: string): string | null;
  globalHas(contract: string, key: string): boolean;
  globalMapGet(contract: string, key: string, field: string): string | null;
  globalMapHas(contract: string, key: string, field: string): boolean;
  globalMapKeys(contract: string, key: string): string[];
  globalMapLen(contract: string, key: string): number;
}

/** Who called the running contract. */
interface V8vmCaller {
  name: string;
  /** `true` for the account that sent the transaction, `false` for a calling contract. */
  is_account: boolean;
}

/** The block, the transaction, the call context, authority, receipts, events, other contracts. */
interface V8vmBlockchain {
  /** JSON text of the current block ({@link V8vmBlock}). */
  blockInfo(): string;
  /** JSON text of the current transaction ({@link V8vmTx}). */
  txInfo(): string;
  /** JSON text of `{caller, contract_name, abi_name, publisher}`. */
  contextInfo(): string;
  contractName(): string;
  /** The account that deployed this contract. */
  contractOwner(): string;
  /** The account that published the transaction. */
  publisher(): string;
  caller(): V8vmCaller;
  /** Whether `id@permission` is granted: by the transaction's signatures, or `id` is this contract or lent its authority with `callWithAuth`. */
  requireAuth(id: string, permission: string): boolean;
  /** Calls `method` of `contract` (at most 8 contract calls deep); returns `[result]`, the result as a receipt's `return` text. Throws what the callee threw (its writes rolled back). */
  call(contract: string, method: string, args?: unknown[] | string): [string];
  /** As `call`, lending this contract's authority to the callee and what it calls. */
  callWithAuth(contract: string, method: string, args?: unknown[] | string): [string];
  /** Appends `{func_name: "<contract>/<method>", content}` to the receipts (non-strings as JSON). */
  receipt(content: unknown): void;
  /** Appends `{contract, content}` to the events (non-strings as JSON). */
  event(content: unknown): void;
}

/** The current block. Times are nanoseconds since the Unix epoch. */
interface V8vmBlock {
  readonly number: number;
  readonly parentHash: string;
  readonly witness: string;
  readonly time: number;
}

/** The current transaction. */
interface V8vmTx {
  readonly time: number;
  readonly hash: string;
  readonly expiration: number;
  readonly gasLimit: number;
  readonly gasRatio: number;
  /** Signers and the permission each grants (`active`, `owner`, ...). */
  readonly authList: Readonly<Record<string, string>>;
  readonly publisher: string;
}

/** Log lines, with Node-style `%s %d %i %f %j %o %O %%`, kept in the call's receipt. */
interface V8vmConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Hashes and signature checks. */
interface V8vmCrypto {
  /** Base58 of the SHA3-256 of the text's UTF-8 bytes. */
  sha3(text: string): string;
  /** Hex SHA3-256 of the bytes `hex` encodes; `""` for invalid hex. */
  sha3Hex(hex: string): string;
  /** Hex RIPEMD-160 of the bytes `hex` encodes; `""` for invalid hex. */
  ripemd160Hex(hex: string): string;
  /** `1` if `signature` (base58) of `message` (base58; for secp256k1 a 32-byte digest) is valid under `publicKey` (base58), else `0`. */
  verify(algo: "ed25519" | "secp256k1", message: string, signature: string, publicKey: string): 0 | 1;
}

/** The comparisons every number class has. */
interface V8vmComparable {
  eq(y: V8vmNumeric): boolean;
  gt(y: V8vmNumeric): boolean;
  gte(y: V8vmNumeric): boolean;
  lt(y: V8vmNumeric): boolean;
  lte(y: V8vmNumeric): boolean;
}

/** What the number classes accept as an operand. */
type V8vmNumeric = number | string | bigint | BigNumber | Int64 | Float64;

/** Arbitrary-precision decimals (the bignumber.js API contracts use): 50 decimal places, rounding down. */
interface BigNumber extends V8vmComparable {}
declare class BigNumber {
  constructor(value: V8vmNumeric, base?: number);
  plus(y: V8vmNumeric): BigNumber;
  minus(y: V8vmNumeric): BigNumber;
  times(y: V8vmNumeric): BigNumber;
  div(y: V8vmNumeric): BigNumber;
  idiv(y: V8vmNumeric): BigNumber;
  mod(y: V8vmNumeric): BigNumber;
  pow(n: number): BigNumber;
  sqrt(): BigNumber;
  abs(): BigNumber;
  negated(): BigNumber;
  /** -1, 0 or 1; `null` if either is NaN. */
  comparedTo(y: V8vmNumeric): -1 | 0 | 1 | null;
  isZero(): boolean;
  isNaN(): boolean;
  isFinite(): boolean;
  isInteger(): boolean;
  isNegative(): boolean;
  isPositive(): boolean;
  decimalPlaces(): number;
  integerValue(roundingMode?: number): BigNumber;
  toFixed(decimalPlaces?: number, roundingMode?: number): string;
  toString(base?: number): string;
  toNumber(): number;
  valueOf(): string;
  toJSON(): string;
  // bignumber.js's longer names for the same methods.
  multipliedBy(y: V8vmNumeric): BigNumber;
  dividedBy(y: V8vmNumeric): BigNumber;
  dividedToIntegerBy(y: V8vmNumeric): BigNumber;
  modulo(y: V8vmNumeric): BigNumber;
  exponentiatedBy(n: number): BigNumber;
  squareRoot(): BigNumber;
  absoluteValue(): BigNumber;
  isEqualTo(y: V8vmNumeric): boolean;
  isGreaterThan(y: V8vmNumeric): boolean;
  isGreaterThanOrEqualTo(y: V8vmNumeric): boolean;
  isLessThan(y: V8vmNumeric): boolean;
  isLessThanOrEqualTo(y: V8vmNumeric): boolean;
  dp(): number;
  static readonly ROUND_UP: 0;
  static readonly ROUND_DOWN: 1;
  static readonly ROUND_CEIL: 2;
  static readonly ROUND_FLOOR: 3;
  static readonly ROUND_HALF_UP: 4;
  static readonly ROUND_HALF_DOWN: 5;
  static readonly ROUND_HALF_EVEN: 6;
  static readonly ROUND_HALF_CEIL: 7;
  static readonly ROUND_HALF_FLOOR: 8;
  static isBigNumber(value: unknown): value is BigNumber;
  static max(...values: V8vmNumeric[]): BigNumber;
  static min(...values: V8vmNumeric[]): BigNumber;
}

/** The operations Int64 and Float64 share. */
interface V8vmExactNumber<T> extends V8vmComparable {
  plus(y: V8vmNumeric): T;
  minus(y: V8vmNumeric): T;
  multi(y: V8vmNumeric): T;
  div(y: V8vmNumeric): T;
  mod(y: V8vmNumeric): T;
  negated(): T;
  /** Zero is neither positive nor negative. */
  isZero(): boolean;
  isPositive(): boolean;
  isNegative(): boolean;
  toString(): string;
  toJSON(): string;
}

/** Checked signed 64-bit integers: overflow, underflow and non-integers throw. */
interface Int64 extends V8vmExactNumber<Int64> {}
declare class Int64 {
  constructor(value: V8vmNumeric);
  pow(n: V8vmNumeric): Int64;
  /** Left for n > 0 (checked), arithmetic right for n < 0. */
  shift(n: number): Int64;
  toFixed(decimalPlaces?: number): string;
  static isInt64(value: unknown): value is Int64;
}

/** Exact decimals: `div` to 50 places, rounding down. */
interface Float64 extends V8vmExactNumber<Float64> {}
declare class Float64 {
  constructor(value: V8vmNumeric);
  pow(n: number): Float64;
  toFixed(decimalPlaces?: number, roundingMode?: number): string;
  static isFloat64(value: unknown): value is Float64;
}

declare const storage: V8vmStorage;
declare const blockchain: V8vmBlockchain;
declare const block: V8vmBlock;
declare const tx: V8vmTx;
declare const console: V8vmConsole;
declare const IOSTCrypto: V8vmCrypto;

// CommonJS, as in each module of a contract.
declare const module: { exports: any; id: string; filename: string; loaded: boolean };
declare let exports: any;
declare const __filename: string;
declare const __dirname: string;
declare function require(id: "storage"): V8vmStorage;
declare function require(id: "blockchain"): V8vmBlockchain;
declare function require(id: string): any;

declare module "storage" {
  const storage: V8vmStorage;
  export = storage;
}

declare module "blockchain" {
  const blockchain: V8vmBlockchain;
  export = blockchain;
}
