// Types for the santei package: every export, and (re-exported) every type of the public
// contract. The contract types live in one place, src/wasm_types.d.ts, which wasm-bindgen
// emits into web/santei.d.ts; `export type *` passes all of them through (Claim, Evaluation,
// Finding, Line, Envelope, ErrorEnvelope, ApiError, BatchResult, VersionInfo, RulesInfo, ...),
// so a type added there reaches package users with no edit here. Needs TypeScript >= 5.0.
import type {
  ApiError,
  BatchResult,
  Claim,
  Envelope,
  Evaluation,
  FacilityStandardInput,
  FacilityStandardResult,
  RulesInfo,
  VersionInfo,
} from './web/santei.js';

export type * from './web/santei.js';

// ---------------------------------------------------------------------------------------------
// Package-level types
// ---------------------------------------------------------------------------------------------

/** Options for `init()` in browsers and bundlers. All optional. */
export interface InitOptions {
  /**
   * `true`: load the full module (full/santei_bg.wasm), which adds `checkUke`, `evaluatePatient`
   * and `checkFacilityStandard` to the engine. After a lean `init()` this upgrades: the full
   * module is loaded, given every master the engine had loaded (the default catalogue,
   * `loadMaster`, `loadMasterFile`, in order), then answers every function. Default: the lean
   * engine (web/santei_bg.wasm), smaller to download; the three functions then answer
   * `not_available`. In Node the full module is always loaded.
   */
  full?: boolean;
  /**
   * Where to fetch the wasm of the module this call loads (the engine, or the full module with
   * `full: true`). Default: web/santei_bg.wasm or full/santei_bg.wasm next to the package's web.js.
   */
  wasmUrl?: string | URL;
  /** That wasm itself (inlined): bytes, a compiled module, or a Response; overrides wasmUrl. */
  wasm?: BufferSource | WebAssembly.Module | Response | Promise<Response>;
  /** Where to fetch the default drug catalogue (default: catalog/ next to web.js, if shipped). */
  catalogUrl?: string | URL;
  /** `false` to load no catalogue; or the catalogue's bytes. */
  catalog?: false | BufferSource;
}

/** Whether the default drug catalogue was loaded, from where, or why not. */
export interface CatalogStatus {
  loaded: boolean;
  source: string | null;
  reason?: string;
  bytes?: number;
  errors?: ApiError[];
}

/** Which engine module answers: the lean engine or the full module (see `InitOptions.full`). */
export type EngineModule = 'lean' | 'full';

export interface InitResult {
  version: Envelope<VersionInfo>;
  catalog: CatalogStatus;
  /** The module loaded by this call (or by the upgrade it waited for). */
  module: EngineModule;
}

export interface FileDigest {
  file: string;
  bytes: number;
  sha256: string;
}

/** What the host can show about the package it embeds (provenance). */
export interface PackageInfo {
  status: 'ok';
  name: string;
  /** = the crate version. */
  packageVersion: string;
  target: 'web' | 'node';
  /** The module loaded now: null before `init()` in a browser; always "full" in Node. */
  module: EngineModule | null;
  /** The lean engine (web/santei_bg.wasm). */
  wasm: FileDigest;
  /** The full module (full/santei_bg.wasm): the engine plus checkUke, evaluatePatient, checkFacilityStandard. */
  full: FileDigest;
  catalog: FileDigest | null;
  /** The on-demand ZIP/XLSX reader (pkg/unpack), or null when this build ships none. */
  unpack: FileDigest | null;
  ready: boolean;
  init: Envelope<InitResult> | null;
}

/**
 * Master kinds for `loadMaster`: "catalog" (the compact default catalogue, replacing what is
 * loaded), "ssk-drug", "mhlw-ippanmei", "mhlw-ge", "ssk-procedure", "ssk-comment" (the files as
 * downloaded). Other strings get an error envelope.
 */
export type MasterKind =
  | 'catalog'
  | 'ssk-drug'
  | 'mhlw-ippanmei'
  | 'mhlw-ge'
  | 'ssk-procedure'
  | 'ssk-comment'
  | (string & {});

export interface CheckUkeOptions {
  /** Called as receipts are checked (a callback that throws is ignored). */
  onProgress?: (done: number, total: number) => void;
  /** Call onProgress every this many receipts (default: about every 1 %). */
  progressEvery?: number;
}

/** An ok envelope whose fields belong to an engine module documented in docs/. */
export type OkEnvelope = { status: 'ok'; [key: string]: unknown };

// ---------------------------------------------------------------------------------------------
// Functions. None throws: each returns an envelope. In a browser, `await init()` first; before
// that they answer {status:"error", errors:[{code:"not_initialized"}]}. A function the loaded
// engine module lacks answers code "not_available": checkUke, evaluatePatient and
// checkFacilityStandard until `await init({ full: true })` (always there in Node).
// ---------------------------------------------------------------------------------------------

/** One claim (an object or JSON text) → its evaluation. */
export function evaluate(claim: Claim | string): Envelope<Evaluation>;
/** Claims → one result per claim, in order; a bad claim gives an error entry, the others still evaluate. */
export function evaluateBatch(claims: Claim[] | string): Envelope<BatchResult>;
/** Crate version, supported revisions and dates, master releases loaded. */
export function version(): Envelope<VersionInfo>;
/** The rule catalogue with citations. */
export function rules(): Envelope<RulesInfo>;
/**
 * Adds a master release from CSV bytes (`release` = "YYYY-MM-DD", required for the MHLW lists;
 * `source` = the file name, kept as provenance). ZIP/XLSX: use `loadMasterFile`.
 */
export function loadMaster(
  kind: MasterKind,
  bytes: Uint8Array | ArrayBuffer,
  release?: string,
  source?: string,
): Envelope<OkEnvelope>;

/** What a master file's name says (the CLI's `--master FILE` rule); null where it says nothing. */
export interface MasterFileInfo {
  kind: MasterKind | null;
  release: string | null;
}
export function masterFileInfo(name: string): Envelope<MasterFileInfo>;

export interface LoadMasterFileOptions {
  /** The file name (default: `file.name` for a File); gives kind and release when not set. */
  name?: string;
  kind?: MasterKind;
  /** "YYYY-MM-DD"; default: the date in the file name. */
  release?: string;
  /** Browser: where to fetch the unpack module's wasm (default: unpack/ next to web.js). */
  unpackUrl?: string | URL;
}

/** What `loadMasterFile` did to a ZIP or XLSX before loading it. */
export interface UnpackedInfo {
  from: 'zip' | 'xlsx';
  /** Bytes of the CSV that was loaded. */
  csvBytes: number;
  /** Data rows converted from an XLSX workbook. */
  rows?: number;
}

/**
 * Loads a master file as downloaded: CSV directly; an SSK ZIP or the MHLW 一般名処方マスタ XLSX
 * through the unpack module, fetched on first use. Never rejects.
 */
export function loadMasterFile(
  file: Blob | Uint8Array | ArrayBuffer,
  options?: LoadMasterFileOptions,
): Promise<Envelope<OkEnvelope & { file: string | null; unpacked?: UnpackedInfo }>>;
/** Checks a レセプト電算 (UKE) file given as its Shift_JIS bytes. Browser: full module only. */
export function checkUke(bytes: Uint8Array | ArrayBuffer, options?: CheckUkeOptions): Envelope<OkEnvelope>;
/**
 * One patient's claims, in date order, evaluated together (e.g. 導入初期加算 once a month).
 * Browser: full module only.
 */
export function evaluatePatient(claims: Claim[] | string): Envelope<BatchResult>;
/**
 * バイオ後続品使用体制加算 facility standard from 12 months of dispensing per ingredient.
 * Browser: full module only.
 */
export function checkFacilityStandard(input: FacilityStandardInput | string): Envelope<FacilityStandardResult>;
/** Drugs by name (kana or kanji, partial) or code prefix, as of `date` (default: latest release). */
export function searchDrugs(query: string, date?: string, limit?: number): Envelope<OkEnvelope>;

/**
 * Browser: instantiates the engine, or with `{ full: true }` the full module, upgrading a loaded
 * engine (idempotent; never rejects). Node: the full module is already loaded; reports.
 */
export function init(options?: InitOptions): Promise<Envelope<InitResult>>;
export default init;
/** True once the engine is instantiated. */
export function isReady(): boolean;
/** Package version, digests of its wasm modules and catalogue, the module loaded, the init result. */
export function packageInfo(): PackageInfo;
