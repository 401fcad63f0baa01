import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  noScanner,
  parseClamdReply,
  ScannerConfigError,
  scannerFromEnv,
} from '@/lib/documents/scan';

describe('parseClamdReply', () => {
  it('reads clean, infected and error answers', () => {
    expect(parseClamdReply('stream: OK\0')).toEqual({ status: 'clean' });
    expect(parseClamdReply('stream: Eicar-Test-Signature FOUND\0')).toEqual({
      status: 'infected',
      signature: 'Eicar-Test-Signature',
    });
    // With ExtendedDetectionInfo, the hash and size follow the name.
    expect(parseClamdReply('stream: Win.Test.EICAR_HDB-1(44d88612:68) FOUND\n')).toEqual({
      status: 'infected',
      signature: 'Win.Test.EICAR_HDB-1(44d88612:68)',
    });
    expect(parseClamdReply('INSTREAM size limit exceeded. ERROR\0')).toEqual({
      status: 'error',
      reason: 'refused',
      detail: 'INSTREAM size limit exceeded. ERROR',
    });
  });

  it('DOC-02: never reads an unexpected answer as clean', () => {
    for (const answer of ['', 'PONG', 'stream: ok', 'stream: OK and more', 'OK', 'stream:  FOUND'])
      expect(parseClamdReply(answer)).toMatchObject({ status: 'error', reason: 'protocol' });
  });
});

describe('scannerFromEnv', () => {
  it('DOC-02: without CLAMAV_URL, files are not scanned, never called clean', async () => {
    const scanner = scannerFromEnv({});
    expect(scanner).toBe(noScanner);
    const body = Readable.from([Buffer.from('%PDF-1.7')]);
    expect(await scanner.scan(body)).toEqual({ status: 'not_scanned' });
    // The file it was given is closed, not left open.
    expect(body.destroyed).toBe(true);
    const web = new Blob(['%PDF-1.7']).stream();
    expect(await scanner.scan(web)).toEqual({ status: 'not_scanned' });
  });

  it('asks clamd at the address CLAMAV_URL gives', () => {
    expect(scannerFromEnv({ CLAMAV_URL: 'tcp://127.0.0.1:3310' }).kind).toBe('clamd');
    expect(scannerFromEnv({ CLAMAV_URL: 'tcp://clamav' }).kind).toBe('clamd');
    expect(scannerFromEnv({ CLAMAV_URL: 'tcp://[::1]:3310/' }).kind).toBe('clamd');
  });

  it('refuses a CLAMAV_URL that cannot work, in one line', () => {
    for (const value of [
      '127.0.0.1:3310',
      'http://clamav:3310',
      'unix:///run/clamd.sock',
      'tcp://',
    ])
      expect(() => scannerFromEnv({ CLAMAV_URL: value })).toThrow(
        new ScannerConfigError(
          `CLAMAV_URL must look like tcp://127.0.0.1:3310, not ${JSON.stringify(value)}`,
        ),
      );
  });
});
