interface GraphqlBody<D> {
  readonly data?: D;
  readonly errors?: readonly { readonly message: string }[];
}

/** A query or mutation over HTTP with an API key; GraphQL errors throw. */
export const graphql = async <D>(
  url: string,
  apiKey: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<D> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphqlBody<D>;
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
};
