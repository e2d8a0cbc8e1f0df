import { makeParentCommand, openToWorkloadCommand, shellQuote } from '../../core/index.js';
import type { AzureSecretReference } from './azure-secret-reference.js';

// Flyte's login with the pod's workload identity (the variables the Azure workload identity webhook sets).
const LOGIN = 'az login --service-principal -u "$AZURE_CLIENT_ID" -t "$AZURE_TENANT_ID" --federated-token "$(cat "$AZURE_FEDERATED_TOKEN_FILE")"';

/**
 * The fetcher's shell command. Flyte writes `az keyvault secret show -o tsv` output, which ends with a
 * newline the secret does not have, and leaves the file to the umask; `az keyvault secret download`
 * writes the value exactly (it refuses an existing file, hence the `rm -f` for a restarted pod), and
 * the file and its directory are then opened to the workload. Every argument is quoted.
 */
export function azureFetchCommand(reference: AzureSecretReference): string[] {
  const file = shellQuote(reference.filePath);
  const steps = [
    LOGIN,
    makeParentCommand(reference.filePath),
    `rm -f ${file}`,
    `az keyvault secret download --id ${shellQuote(reference.id)} --file ${file}`,
    openToWorkloadCommand(reference.filePath),
  ];
  return ['sh', '-ec', steps.filter((step) => step !== undefined).join('; ')];
}
