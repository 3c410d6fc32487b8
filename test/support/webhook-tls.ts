/**
 * A self-signed certificate for hooks.example.test (valid 2020 to 2120), so that
 * a test can run an https receiver of its own and trust only it. Test use only.
 */
export const webhookTlsCert = `-----BEGIN CERTIFICATE-----
MIIBcDCCARagAwIBAgIUOP7duiXme+04XOb2PQaZ/DjCnnwwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSaG9va3MuZXhhbXBsZS50ZXN0MCAXDTIwMDEwMTAwMDAwMFoY
DzIxMjAwMTAxMDAwMDAwWjAdMRswGQYDVQQDDBJob29rcy5leGFtcGxlLnRlc3Qw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARRH9oFXsBBfKVi/ucYZVx4cSA0R886
FdCP9SOalFuOC0Vnxv3VESO9Den/xPkp4Y4Fv5xD6zg0RjxLmPxNko3vozIwMDAd
BgNVHREEFjAUghJob29rcy5leGFtcGxlLnRlc3QwDwYDVR0TAQH/BAUwAwEB/zAK
BggqhkjOPQQDAgNIADBFAiEAmgjpE/+h+kmm0YTx/AsRWsbOMahbaZMvBw4gtpQE
jgQCIGUkl/2OBKQjOobSJw5dLYS4uL/YV9jsvT1vFuFtiIQn
-----END CERTIFICATE-----
`;

export const webhookTlsKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/IJbKbM4QZ+/vhiO
DzrwQek6kh5SxYJs51C/OlMqd4yhRANCAARRH9oFXsBBfKVi/ucYZVx4cSA0R886
FdCP9SOalFuOC0Vnxv3VESO9Den/xPkp4Y4Fv5xD6zg0RjxLmPxNko3v
-----END PRIVATE KEY-----
`;
