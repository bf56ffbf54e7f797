export { status, sds, waku } from './gen/proto.js';
export { type ProtoCodec, decodeProto, encodeProto, protoName } from './codec.js';
export { type Uint64, uint64ToBigInt, uint64ToNumber, bigIntToUint64, bigIntToInt64 } from './long.js';
