package vn.congvu.mail.queue;

import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * James' mail queues (the spool, RemoteDelivery's outgoing queue, Requeue's) on {@link FileMailQueueFactory}:
 * durable files under var/store/queue instead of a message broker.
 */
public class FileQueueModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(FileMailQueueFactory.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(QueueDirectoryHealthCheck.class);
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(FileMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(FileMailQueueFactory factory) {
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> typedQueues(FileMailQueueFactory factory) {
        return factory;
    }
}
