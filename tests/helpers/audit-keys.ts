/** The access log's keys and the credit report signing key in tests: test-only values, like TEST_JWT_SECRET. */
export const TEST_AUDIT_ENV = {
  AUDIT_HMAC_KEYS: 'test-1:+jSJXm5F+zjWB5cs9iW+TxVlxR12ktuTMu+4YSeipHw=',
  AUDIT_SIGNING_KEY: `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIMLGrDcG/PGgtNQMTaIft0wGAQhgCfhXisZQqrybBmaG
-----END PRIVATE KEY-----
`,
  REPORT_SIGNING_KEY: `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIBEey3BSu5g5CchmGd8DUjQy2L0TcCOvMSpOFsBe+gOR
-----END PRIVATE KEY-----
`,
};
