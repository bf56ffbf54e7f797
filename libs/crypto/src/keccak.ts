import { keccak_256 } from '@noble/hashes/sha3.js';

/** Ethereum's Keccak-256 (pre-NIST padding; not SHA3-256). SG eth-node/crypto Keccak256. */
export const keccak256 = (bytes: Uint8Array): Uint8Array => keccak_256(bytes);
