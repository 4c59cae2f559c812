/**
 * CPU cost of one internal token (the gateway signs one Ed25519 JWT per subgraph per request):
 * `taskset -c 0 node bench/sign-cost.ts`.
 */
import {
  createInternalTokenSigner,
  generateInternalKeyPair,
  privateKeyFromPem,
} from '../platform/internal-token.ts';

const sign = createInternalTokenSigner(privateKeyFromPem(generateInternalKeyPair().privateKeyPem));
const claims = {
  principal: {
    kind: 'user' as const,
    userId: '00000000-0000-4000-8000-000000000001',
    sessionId: '00000000-0000-4000-8000-000000000002',
    memberships: [],
  },
  origin: { requestId: '00000000-0000-4000-8000-000000000003', ip: '127.0.0.1', userAgent: 'bench' },
};
for (let i = 0; i < 2_000; i++) await sign('products', claims);
const n = 5_000;
const before = process.cpuUsage();
for (let i = 0; i < n; i++) await sign('products', claims);
const used = process.cpuUsage(before);
console.log(`one internal token: ${((used.user + used.system) / n).toFixed(1)} µs CPU (${n} signed)`);
