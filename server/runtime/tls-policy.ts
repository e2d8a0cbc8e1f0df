// The webhook speaks only to the API server, which supports TLS 1.2 and 1.3 with modern suites, so
// there is no old client to keep: nothing below TLS 1.2, and for TLS 1.2 only ECDHE key exchange
// (forward secrecy) with AEAD ciphers. Node's default list also allows CBC and static-RSA suites.

/** The lowest protocol version the server accepts. */
export const TLS_MIN_VERSION = 'TLSv1.2';

/** TLS 1.3 suites (all AEAD), then the TLS 1.2 suites, strongest first; for ECDSA and RSA certificates. */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');
