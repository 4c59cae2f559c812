// The container health check (Dockerfile, docker-compose.yml): exits 0 when this container's
// process answers /healthz on its PORT, 1 otherwise.
const port = process.env.PORT ?? '4000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2500) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
