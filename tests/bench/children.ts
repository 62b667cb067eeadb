// Servers under test run in child processes of their own, so the load generator in this process
// never shares their event loop. Every child is killed when the benchmark ends, however it ends.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export type Child = { name: string; url: string; proc: ChildProcess; output: () => string; stop: () => Promise<void> };

const running = new Set<ChildProcess>();

function killAll() {
  for (const p of running) if (p.exitCode === null) p.kill("SIGKILL");
}
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    killAll();
    process.exit(130);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <args>` with PORT set and waits until `readyPath` answers 200. With `ipc`, the
 * child gets an IPC channel (the SQL probe talks over it).
 */
export async function startChild(name: string, args: string[], env: Record<string, string>, opts: { readyPath: string; ipc?: boolean }): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: opts.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  running.add(proc);
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited with code ${proc.exitCode} before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`${name} was not ready after 60 s:\n${out}`);
    }
    try {
      const res = await fetch(url + opts.readyPath);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  async function stop() {
    if (proc.exitCode === null) {
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(proc);
  }
  return { name, url, proc, output: () => out, stop };
}
