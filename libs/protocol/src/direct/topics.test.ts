import { describe, expect, it } from '@jest/globals';
import { bytesToHex, hexToBytesOrThrow, publicKeyFromPrivateKey } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { alicePrivateKey, bobPrivateKey } from './testing/fixtures.js';
import {
  DIRECT_MESSAGE_PUBSUB_TOPIC,
  contactCodeTopic,
  isSecretAgreed,
  negotiatedSecret,
  negotiatedTopic,
  partitionedTopic,
} from './topics.js';

const alice = publicKeyFromPrivateKey(alicePrivateKey);
const bob = publicKeyFromPrivateKey(bobPrivateKey, { compressed: true });

describe('1:1 topics (one-to-one.md §1 and §4 vectors)', () => {
  it('DMs ride /waku/2/rs/16/32', () => {
    expect(DIRECT_MESSAGE_PUBSUB_TOPIC).toBe('/waku/2/rs/16/32');
  });

  it('partitions 4490 and 3991 for status-go filters_manager_test.go keys', () => {
    const partition = (privHex: string): string =>
      unwrap(partitionedTopic(publicKeyFromPrivateKey(hexToBytesOrThrow(privHex)))).chatId;
    expect(partition('c6cbd7d76bc5baca530c875663711b947efa6a86a900a9e8645ce32e5821484e')).toBe(
      'contact-discovery-4490',
    );
    expect(partition('d51dd64ad19ea84968a308dca246012c00d2b2101d41bce740acd1c650acc509')).toBe(
      'contact-discovery-3991',
    );
  });

  it('partitioned topics of the X3DH test keys, asymmetric', () => {
    expect(unwrap(partitionedTopic(alice))).toEqual({
      chatId: 'contact-discovery-1023',
      contentTopic: '/waku/1/0x4f35e7c9/rfc26',
      encryption: 'asymmetric',
    });
    expect(unwrap(partitionedTopic(bob)).contentTopic).toBe('/waku/1/0x9dc04959/rfc26');
  });

  it('contact-code topic and key of Bob', () => {
    const topic = unwrap(contactCodeTopic(bob));
    expect(topic.chatId).toBe(
      '0x0490999dbbf43034bffb1dd53eac1eb4c33a4ea1c4f48ba585cfde3830840f05553a9d6d07e79ae2fbe0bc0b20c93e1f8e20d74b8a0a7028e32d9a6808b6c38df4-contact-code',
    );
    expect(topic.contentTopic).toBe('/waku/1/0xba3eaf2b/rfc26');
    expect(topic.encryption).toBe('symmetric');
    expect(bytesToHex(topic.symKey!)).toBe(
      'e1c5703603fdc37679e318c8f20dca109ca5d7b75538d1b6e767f43001c56e4d',
    );
  });

  it('negotiated secret x(IK_A·IK_B) is symmetric between the two, and its topic and PBKDF2 key', () => {
    const fromAlice = unwrap(negotiatedSecret(alicePrivateKey, bob));
    expect(unwrap(negotiatedSecret(bobPrivateKey, alice))).toEqual(fromAlice);
    expect(bytesToHex(fromAlice)).toBe('1ab7edc9b10c6daa4ee8eefa49daacef715779b96d146375e372c8901d3cc204');
    const topic = unwrap(negotiatedTopic(fromAlice));
    expect(topic.chatId).toBe(bytesToHex(fromAlice));
    expect(topic.contentTopic).toBe('/waku/1/0xfd0a0dd5/rfc26');
    expect(bytesToHex(topic.symKey!)).toBe(
      '3039db8270aadab888756814804782b3e9855caf9bcabe1daf9786d6dcf5ad03',
    );
  });

  it('bad keys and secrets are INVALID_KEY', () => {
    const garbage = new Uint8Array(33).fill(1);
    for (const result of [
      partitionedTopic(garbage),
      contactCodeTopic(garbage),
      negotiatedSecret(alicePrivateKey, garbage),
      negotiatedTopic(new Uint8Array(31)),
    ])
      expect(result.ok ? undefined : result.error.code).toBe(ErrorCode.INVALID_KEY);
  });
});

describe('isSecretAgreed (sharedsecret Agreed)', () => {
  it('needs at least one real installation and all of them agreed', () => {
    const agreed = new Set(['a', 'b']);
    expect(isSecretAgreed([], agreed)).toBe(false);
    expect(isSecretAgreed(['none'], agreed)).toBe(false);
    expect(isSecretAgreed(['a', 'none'], agreed)).toBe(true);
    expect(isSecretAgreed(['a', 'b'], agreed)).toBe(true);
    expect(isSecretAgreed(['a', 'c'], agreed)).toBe(false);
  });
});
