import jsSha3 from 'js-sha3';

/**
 * Ethereum's Keccak-256 (pre-NIST padding; not SHA3-256). SG eth-node/crypto Keccak256.
 * js-sha3 rather than @noble/hashes: on the receive path (envelope, AMM and message-ID hashes of every
 * message) it measured ~3.5× faster here; keccak.test.ts holds it to @noble's output.
 */
export const keccak256 = (bytes: Uint8Array): Uint8Array =>
  new Uint8Array(jsSha3.keccak256.arrayBuffer(bytes));
