import { Form, Input } from 'antd';

/** New password + confirmation. The server checks the policy (length, user name, common passwords). */
export function NewPasswordFields() {
  return (
    <>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra="至少 10 个字符，不能包含用户名，不能是常见密码。可以使用中文。"
        rules={[
          { required: true, message: '请输入新密码' },
          { min: 10, message: '密码至少需要 10 个字符' },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="再次输入新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
