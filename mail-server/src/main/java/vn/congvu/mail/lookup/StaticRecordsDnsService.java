package vn.congvu.mail.lookup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import vn.congvu.mail.locations.MailServerLocations;

/**
 * James' resolver with the records of {@link StaticRecords} answered first: the file named by {@code <records>} in
 * dnsservice.xml (relative to the configuration directory; empty: none). Remote delivery (MX, A) and the DKIM key
 * lookup (TXT) both go through it.
 */
public class StaticRecordsDnsService implements DNSService {
    private final DNSJavaService resolver;
    private final StaticRecords records;

    @Inject
    public StaticRecordsDnsService(DNSJavaService resolver, ConfigurationProvider configuration) throws ConfigurationException {
        this.resolver = resolver;
        String file = configuration.getConfiguration("dnsservice").getString("records", "").trim();
        try {
            this.records = file.isEmpty() ? StaticRecords.none()
                : StaticRecords.read(MailServerLocations.from(System.getenv()).configurationDirectory().resolve(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("DNS records file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        List<String> mx = records.find(hostname, "MX");
        return mx.isEmpty() ? resolver.findMXRecords(hostname) : mx;
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        List<String> txt = records.find(hostname, "TXT");
        return txt.isEmpty() ? resolver.findTXTRecords(hostname) : txt;
    }

    @Override
    public Collection<InetAddress> getAllByName(String name) throws UnknownHostException {
        List<String> addresses = records.find(name, "A");
        if (addresses.isEmpty()) {
            return resolver.getAllByName(name);
        }
        List<InetAddress> found = new ArrayList<>();
        for (String address : addresses) {
            found.add(InetAddress.getByName(address));
        }
        return found;
    }

    @Override
    public InetAddress getByName(String name) throws UnknownHostException {
        List<String> addresses = records.find(name, "A");
        return addresses.isEmpty() ? resolver.getByName(name) : InetAddress.getByName(addresses.get(0));
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return resolver.getLocalHost();
    }

    @Override
    public String getHostName(InetAddress address) {
        return resolver.getHostName(address);
    }
}
