package org.souk.notification.email.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Jakarta Mail and Jakarta Activation find their implementations (Angus) with {@link java.util.ServiceLoader}
 * and their mailcap files through the thread's context class loader. In OSGi that loader sees neither, so
 * every use of the mail API runs with this loader as context: it looks in the Angus bundles and this one.
 * No global state is touched; the previous context loader is restored.
 */
final class MailClassLoader extends ClassLoader {

    private final List<ClassLoader> loaders;

    MailClassLoader(ClassLoader... loaders) {
        super(null);
        Set<ClassLoader> distinct = new LinkedHashSet<>();
        for (ClassLoader l : loaders) {
            if (l != null) {
                distinct.add(l);
            }
        }
        this.loaders = List.copyOf(distinct);
    }

    /** The loader for this bundle and the Angus mail and activation bundles it imports. */
    static MailClassLoader forAngus() {
        return new MailClassLoader(MailClassLoader.class.getClassLoader(),
                org.eclipse.angus.mail.smtp.SMTPTransport.class.getClassLoader(),
                org.eclipse.angus.activation.MailcapRegistryProviderImpl.class.getClassLoader(),
                jakarta.mail.Session.class.getClassLoader(),
                jakarta.activation.DataHandler.class.getClassLoader());
    }

    <T> T run(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader l : loaders) {
            try {
                return l.loadClass(name);
            } catch (ClassNotFoundException e) {
                // the next one may know it
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader l : loaders) {
            URL url = l.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        Set<URL> found = new LinkedHashSet<>();
        for (ClassLoader l : loaders) {
            found.addAll(Collections.list(l.getResources(name)));
        }
        return Collections.enumeration(new ArrayList<>(found));
    }
}
