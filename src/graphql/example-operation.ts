/**
 * The first operation a person runs: GraphiQL opens with it, and the README's
 * quick start shows it word for word (a unit test holds the two together).
 */
export const exampleOperation = `# This needs your API key: paste it into the Headers
# tab below, in place of the placeholder, then run it.
mutation UpsertFirstContact {
  upsertContact(
    input: {
      trackingId: "crm-1042"
      email: "Ada.Lovelace@example.com"
      firstName: "Ada"
      lastName: "Lovelace"
      company: "Analytical Engines"
    }
  ) {
    __typename
    ... on UpsertContactSuccess {
      result
      matchedBy
      changedFields
      contact {
        id
        email
        updatedAt
      }
    }
    ... on ValidationError {
      message
      fieldErrors {
        field
        code
        message
      }
    }
  }
}
`;
