package vn.congvu.mail.james;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;

/**
 * James' ActiveMQ mail queues on {@link QueueBroker}'s connections. A subclass only so that Guice builds it (its
 * own injectable constructor wants James' EmbeddedActiveMQ) and still calls its {@code @PreDestroy} on shutdown.
 */
public class InProcessMailQueueFactory extends ActiveMQMailQueueFactory {
    @Inject
    InProcessMailQueueFactory(QueueBroker broker, MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                              GaugeRegistry gauges, ActiveMQMetricCollector collector) {
        super(broker.connectionFactory(), decorators, metrics, gauges, collector);
    }
}
