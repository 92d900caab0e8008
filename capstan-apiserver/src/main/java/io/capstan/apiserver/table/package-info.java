/**
 * Server-side printing: the {@code meta.k8s.io/v1 Table} that {@code kubectl get} requests with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io} and prints as it comes. Each kind
 * has a {@link io.capstan.apiserver.table.TablePrinter} with exactly the columns and cell values
 * of Kubernetes' {@code pkg/printers/internalversion/printers.go} (pod STATUS reasons, RESTARTS
 * with "(5m ago)", service EXTERNAL-IP, endpoint truncation, AGE as
 * {@link io.capstan.apiserver.table.HumanDuration}); kinds without one get the API server's
 * default NAME / Created At columns. {@link io.capstan.apiserver.table.TableRenderer} wraps the
 * rows into the Table document for lists, single objects and watch events.
 */
package io.capstan.apiserver.table;
