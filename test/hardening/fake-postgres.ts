import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

/**
 * Just enough of the PostgreSQL wire protocol (trust authentication, one simple query) for `pg` to read a
 * `waffle_flag` table: lets a test put a literal password in a connection URL that succeeds, without a server.
 */
export async function startFakePostgres(flags: string[]): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((socket) => serve(socket, flags));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}

const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstring = (s: string) => Buffer.from(`${s}\0`);

function serve(socket: Socket, flags: string[]): void {
  let buffer = Buffer.alloc(0);
  let started = false;
  socket.on("error", () => undefined);
  socket.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        if (code === 80877103) {
          socket.write("N"); // no SSL
          continue;
        }
        started = true;
        socket.write(Buffer.concat([message("R", int32(0)), message("Z", Buffer.from("I"))]));
        continue;
      }
      if (buffer.length < 5) return;
      const type = String.fromCharCode(buffer[0]!);
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      buffer = buffer.subarray(length + 1);
      if (type === "X") return void socket.end();
      if (type !== "Q") continue;
      const columns: Array<[string, number]> = [["name", 25], ["everyone", 16], ["groups", 23], ["users", 23]];
      const description = Buffer.concat([
        int16(columns.length),
        ...columns.map(([name, oid]) => Buffer.concat([cstring(name), int32(0), int16(0), int32(oid), int16(-1), int32(-1), int16(0)])),
      ]);
      const rows = flags.map((flag) => {
        const values = [flag, "t", "0", "0"].map((v) => Buffer.concat([int32(Buffer.byteLength(v)), Buffer.from(v)]));
        return message("D", Buffer.concat([int16(values.length), ...values]));
      });
      socket.write(Buffer.concat([message("T", description), ...rows, message("C", cstring(`SELECT ${flags.length}`)), message("Z", Buffer.from("I"))]));
    }
  });
}
