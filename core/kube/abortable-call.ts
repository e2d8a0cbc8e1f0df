import { type ConfigurationOptions, Observable, type ObservableMiddleware, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { withSignal } from './limited-kube-config.js';

/**
 * Per-call options that make a @kubernetes/client-node request stop when `signal` aborts: the client
 * lets a middleware set the fetch signal on the request context, and has no other way to do it. The
 * signal joins the one already there (the client's own timeout, see LimitedKubeConfig).
 */
export function abortableCall(signal: AbortSignal): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (context: RequestContext) => {
      context.setSignal(withSignal(context.getSignal(), signal));
      return new Observable(Promise.resolve(context));
    },
    post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}
