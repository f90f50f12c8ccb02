import { spawnSync } from 'node:child_process';

/**
 * Runs a command to its end and gives its peak resident memory, through python3's getrusage(RUSAGE_CHILDREN):
 * it counts the whole life of the process, its very end included (a process's own view at its 'exit' event
 * misses what V8 does after it), which Node cannot read of a child.
 */
export function runMeasuringPeak(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number; stdout: string; stderr: string; peakMb: number } {
  const measure = [
    'import resource, subprocess, sys',
    'r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)',
    'sys.stdout.buffer.write(r.stdout)',
    'sys.stderr.buffer.write(r.stderr)',
    'sys.stderr.write("\\n%d %d" % (r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', measure, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (r.error || r.status !== 0) {
    throw new Error(`python3 could not measure ${cmd}: ${r.error?.message ?? r.stderr}`);
  }
  const cut = r.stderr.lastIndexOf('\n');
  const [status, kb] = r.stderr.slice(cut + 1).split(' ').map(Number);
  return { status, stdout: r.stdout, stderr: r.stderr.slice(0, cut), peakMb: kb / 1024 };
}
