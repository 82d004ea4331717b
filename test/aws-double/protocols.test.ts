import { runInNewContext } from 'node:vm';

import { decodeQueryForm, encodeJsonError, encodeQueryError, encodeQueryOutput, encodeRestJsonError, jsonStringify, queryList, queryNamespace } from './protocols';
import { AwsServiceError } from './service';

describe('AWS double wire protocols', () => {
  it('JSON timestamps are epoch seconds, also for a Date from another realm', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2024, 0, 15, 9, 30, 0, 500))') as Date;
    expect(jsonStringify({ At: new Date(Date.UTC(2024, 0, 15, 9, 30, 0)), Foreign: foreign, Nested: [{ At: new Date(0) }], Gone: undefined })).toBe(
      '{"At":1705311000,"Foreign":1705311000.5,"Nested":[{"At":0}]}',
    );
  });

  it('JSON 1.1 errors carry __type and message in the body and the code in X-Amzn-ErrorType', () => {
    const encoded = encodeJsonError(new AwsServiceError('ResourceNotFoundException', 'gone', 400), 'req-1');
    expect(encoded.status).toBe(400);
    expect(encoded.headers).toMatchObject({ 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'ResourceNotFoundException', 'x-amzn-requestid': 'req-1' });
    expect(JSON.parse(encoded.body)).toEqual({ __type: 'ResourceNotFoundException', message: 'gone' });
  });

  it('restJson1 errors carry the code in x-amzn-ErrorType and {"message"} in the body', () => {
    const encoded = encodeRestJsonError(new AwsServiceError('ResourceNotFoundException', 'no contact', 404), 'req-2');
    expect([encoded.status, encoded.headers['x-amzn-errortype'], JSON.parse(encoded.body)]).toEqual([404, 'ResourceNotFoundException', { message: 'no contact' }]);
  });

  it('query forms decode member lists and entry maps into arrays and objects, in index order', () => {
    const form = new URLSearchParams('Action=TagUser&Version=2010-05-08&UserName=alice&Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1&Attrs.entry.1.key=k&Attrs.entry.1.value=v&Empty=');
    expect(decodeQueryForm(form)).toEqual({ UserName: 'alice', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], Attrs: { k: 'v' }, Empty: '' });
    expect(queryList('')).toEqual([]);
  });

  it('query output: <Op>Response/<Op>Result, lists as <member>, maps as <entry>, ISO timestamps, escaped text', () => {
    const encoded = encodeQueryOutput(
      'ListUsers',
      { Users: [{ UserName: 'a<b', CreateDate: new Date(Date.UTC(2024, 0, 15, 9, 30, 0)) }], Empty: [], Summary: new Map([['Users', 1]]), IsTruncated: false },
      queryNamespace('iam', '2010-05-08'),
      'req-3',
    );
    expect(encoded.body).toBe(
      '<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users><member><UserName>a&lt;b</UserName><CreateDate>2024-01-15T09:30:00Z</CreateDate></member></Users><Empty></Empty><Summary><entry><key>Users</key><value>1</value></entry></Summary><IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>req-3</RequestId></ResponseMetadata></ListUsersResponse>',
    );
    expect(encodeQueryOutput('DeleteUser', undefined, queryNamespace('iam', '2010-05-08'), 'req-4').body).toBe(
      '<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>req-4</RequestId></ResponseMetadata></DeleteUserResponse>',
    );
  });

  it('query errors are <ErrorResponse><Error><Type>Sender</Type><Code>… with the HTTP status; 5xx are Receiver', () => {
    const encoded = encodeQueryError(new AwsServiceError('NoSuchEntity', 'The user with name x cannot be found.', 404), queryNamespace('iam', '2010-05-08'), 'req-5');
    expect(encoded.status).toBe(404);
    expect(encoded.body).toBe(
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name x cannot be found.</Message></Error><RequestId>req-5</RequestId></ErrorResponse>',
    );
    expect(encodeQueryError(new AwsServiceError('ServiceFailure', 'x', 500), 'ns', 'r').body).toContain('<Type>Receiver</Type>');
  });
});
