// Test-only: the 1:1 vectors of shared/reference/one-to-one.md §4. The four keys are status-go's
// x3dh_test.go keys (ASCII "0"*32 … "3"*32, crypto.ToECDSA of the bytes); the SK is that test's
// expected value. The ratchet, DH-path and MVDS values are the reference's re-computation (§4.2).

/** The 32 ASCII bytes of one digit, as status-go's test keys are written. */
export const asciiKey = (digit: string): Uint8Array => new TextEncoder().encode(digit.repeat(32));

export const oneToOneVectors = {
  alice: asciiKey('0'),
  aliceEphemeral: asciiKey('1'),
  bob: asciiKey('2'),
  bobSignedPreKey: asciiKey('3'),
  /** Initiator's first ratchet key ("4"*32) and the DH-path ephemeral key ("5"*32). */
  aliceRatchet: asciiKey('4'),
  dhEphemeral: asciiKey('5'),
  aliceIdentityCompressed: '022ed557f5ad336b31a49857e4e9664954ac33385aa20a93e2d64bfe7f08f51277',
  aliceEphemeralCompressed: '036930f46dd0b16d866d59d1054aa63298b357499cd1862ef16f3f55f1cafceb82',
  bobIdentityCompressed: '0290999dbbf43034bffb1dd53eac1eb4c33a4ea1c4f48ba585cfde3830840f0555',
  bobSignedPreKeyCompressed: '023c72addb4fdf09af94f0c94d7fe92a386a7e70cf8a1d85916386bb2535c7b1b1',
  dh1: '1cdd39dce068b0253b71c6611f6ac642cb837f8a32d0eae574eaaa8210993ec6',
  dh2: '01d2e36e3c06975e69a5b59e83c946176c50a4984a2f7190079b1c99e44a1252',
  dh3: '5b230a6860ffb60e363417497712c6a05d9398bac495529f9307d82958ea8c18',
  sharedKey: 'a4e923d0af8fe78a056363be20e71c0a58e569ea8fc1f79289eca10d9f68133a',
  ratchet: {
    publicKeyCompressed: '02407cba6352eaeb9354dc75ca26396785b27a85cfd4d58575de440902292d662a',
    dhWithSignedPreKey: '6b16957bec6b3de033000e5a9f122a6c0208534d0db690aebe6a25c01faf2439',
    rootKey: '6b85bad948a9606aab8d6661a4b00f4842dc1801733e94c4c20e3578b117127f',
    sendChainKey: '24afc0323384ab0dba6736dc679f3b52f900d79f8cfc97b7a508c904781a45e4',
    headerKey: '0664d22b567c8f7d71b5e2c0c3d52250345dab6fa88fd24b641669884f2ae4ac',
    nextChainKey: '06a65d696866e5be652bfdb8e7a73bcebe127f9c3d3595eaafcadb83cf9cc94d',
    messageKey0: '0640b9b309b93a13a7739fa897a2fdd9be857780d6a3a92abd5708f84ac82e10',
    messageKey1: '0a59bac68ccb39199d8eb9a00a6536d4fa895169a2c50566fe5722081f397a25',
    encKey: 'b22756aa013b80e59971591c5a743dd5da09bdd044cfac8f74fec28555a7f5ef',
    authKey: 'ecd30f54db571781ad29bdf389cf2ef2d8a654c0e4fdf39426eab15244d113ba',
    iv: '3c14b0418efc07c686eb14fa0d608f63',
    associatedData: '000000000000000002407cba6352eaeb9354dc75ca26396785b27a85cfd4d58575de440902292d662a',
    helloPayload:
      '3c14b0418efc07c686eb14fa0d608f63b94e031464520b24484ce4e6b771e56f2785deb99f75ad775389797f8715cde49f13c45023',
  },
  dhPath: {
    ephemeralCompressed: '02b21db47a75ceee5c010f69f66d48d5a017e4e2f46b47b496ddf03498c26e1cec',
    key: '3747860edfa13a78a5143acf70ba0775e5796fd367a2dc2b48027b0ec2cc2704',
    /** Nonce fixed to 01*12 for the vector. */
    nonce: '010101010101010101010101',
    helloSealed: 'e1005792d024dc7382c83868482edc6bb8129c7729010101010101010101010101',
  },
} as const;
