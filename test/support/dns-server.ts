import dns2 from 'dns2';

export interface LocalDnsServer {
  /** `127.0.0.1:<port>`, for STEWARD_DNS_SERVERS. */
  server: string;
  /** TXT records by name: what the server answers, changeable while it runs. */
  txt: Map<string, string[]>;
  close(): Promise<void>;
}

/** A real DNS server (UDP, on a free loopback port) answering TXT questions from `txt`; NXDOMAIN otherwise. */
export async function startDnsServer(): Promise<LocalDnsServer> {
  const txt = new Map<string, string[]>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const records =
        question && question.type === dns2.Packet.TYPE.TXT ? txt.get(question.name.toLowerCase()) : undefined;
      if (!records) response.header.rcode = 3;
      for (const data of records ?? [])
        response.answers.push(dns2.Packet.createResourceFromQuestion(question!, { ttl: 1, data }));
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  return { server: `127.0.0.1:${addresses.udp!.port}`, txt, close: () => server.close() };
}
