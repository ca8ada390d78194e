package dev.resolve.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and memory of processes, read from Linux's {@code /proc}. */
final class ProcStats {

    /** CPU time (user and system) and resident memory of a process, or of a process tree. */
    record Usage(double cpuMs, double rssMb) {

        static final Usage NONE = new Usage(0, 0);

        Usage plus(Usage other) {
            return new Usage(cpuMs + other.cpuMs, rssMb + other.rssMb);
        }
    }

    private static final double TICKS_PER_SECOND = clockTicks();

    private ProcStats() {
    }

    /** CPU time and VmRSS of one process; {@link Usage#NONE} when it is gone. */
    static Usage process(long pid) {
        long[] ticks = ticks(pid);
        if (ticks == null) {
            return Usage.NONE;
        }
        return new Usage(toMillis(ticks[0] + ticks[1]), statusKb(pid, "VmRSS:") / 1024.0);
    }

    /**
     * A server and its child processes, such as PostgreSQL: CPU of the parent, of its live children and of the
     * children it has reaped (cutime, cstime), so exited backends still count; memory as the sum of proportional set
     * sizes (Pss), which counts shared buffers once rather than once per backend.
     */
    static Usage tree(long pid) {
        long[] ticks = ticks(pid);
        if (ticks == null) {
            return Usage.NONE;
        }
        double cpu = toMillis(ticks[0] + ticks[1] + ticks[2] + ticks[3]);
        double pssKb = pssKb(pid);
        List<ProcessHandle> children = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        for (ProcessHandle child : children) {
            long[] childTicks = ticks(child.pid());
            if (childTicks != null) {
                cpu += toMillis(childTicks[0] + childTicks[1]);
                pssKb += pssKb(child.pid());
            }
        }
        return new Usage(cpu, pssKb / 1024.0);
    }

    /** utime, stime, cutime, cstime in clock ticks; null when the process is gone. */
    private static long[] ticks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat == null) {
            return null;
        }
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
        return new long[] {
            Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14])
        };
    }

    private static long statusKb(long pid, String key) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        return status == null ? 0 : kb(status, key);
    }

    private static long pssKb(long pid) {
        String rollup = read(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
        if (rollup == null) {
            return statusKb(pid, "VmRSS:");
        }
        return kb(rollup, "Pss:");
    }

    private static long kb(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double toMillis(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            getconf.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
