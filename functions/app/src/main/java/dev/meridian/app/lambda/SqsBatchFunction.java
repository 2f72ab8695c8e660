package dev.meridian.app.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A queue consumer with partial batch failures: each message is handled on its own, and the ids
 * of those that failed are returned, so SQS makes only them visible again (and, after the
 * queue's {@code maxReceiveCount}, moves them to its dead-letter queue) while the rest are
 * deleted. Needs {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the event source
 * (template.yaml; the template test checks it): without it Lambda ignores this response and
 * treats the batch as a success.
 */
public final class SqsBatchFunction implements Function<SQSEvent, SQSBatchResponse> {

  private static final Logger LOG = Logger.getLogger(SqsBatchFunction.class.getName());

  private final String name;
  private final Consumer<SQSMessage> handler;

  public SqsBatchFunction(String name, Consumer<SQSMessage> handler) {
    this.name = name;
    this.handler = handler;
  }

  @Override
  public SQSBatchResponse apply(SQSEvent event) {
    List<BatchItemFailure> failures = new ArrayList<>();
    List<SQSMessage> messages = event == null || event.getRecords() == null
        ? List.of() : event.getRecords();
    for (SQSMessage message : messages) {
      try {
        handler.accept(message);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "{0}: message {1} failed: {2}",
            new Object[] {name, message.getMessageId(), e.toString()});
        failures.add(new BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  @Override
  public String toString() {
    return "SqsBatchFunction[" + name + "]";
  }
}
