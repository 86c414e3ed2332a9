package org.souk.benchmark;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

/**
 * The server's own view of what a run cost: the JVM's process CPU time and heap, read over the local
 * management agent of the node's JVM (attached by process id, as {@code jcmd} does: same machine, same
 * user, no password), and its resident memory from {@code /proc}.
 */
final class ServerProbe implements AutoCloseable {

    /** What the server had used at one moment. */
    record Reading(long cpuNanos, long heapUsedBytes, long residentBytes) {
    }

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private ServerProbe(long pid, JMXConnector connector) throws IOException {
        this.pid = pid;
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Attaches to the given JVM. */
    static ServerProbe attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return new ServerProbe(pid, JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    /** The one Karaf JVM running on this machine, if there is exactly one. */
    static Optional<Long> onlyKaraf() {
        List<VirtualMachineDescriptor> karafs = VirtualMachine.list().stream()
                .filter(d -> d.displayName().startsWith("org.apache.karaf.main.Main")).toList();
        return karafs.size() == 1 ? Optional.of(Long.parseLong(karafs.get(0).id())) : Optional.empty();
    }

    long pid() {
        return pid;
    }

    Reading read() throws Exception {
        long cpu = ((Number) server.getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime"))
                .longValue();
        MemoryUsage heap = MemoryUsage.from((CompositeData) server.getAttribute(new ObjectName("java.lang:type=Memory"),
                "HeapMemoryUsage"));
        return new Reading(cpu, heap.getUsed(), resident(pid));
    }

    /** VmRSS of {@code /proc/<pid>/status}, or -1 where there is no such file. */
    static long resident(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
