import type { TransactionDetail } from '../../api/types.js';
import { formatMoney } from '../../lib/money.js';
import { TableFrame } from '../../components/TableFrame.js';

export function LineItems({ transaction }: { transaction: TransactionDetail }) {
  const { currency } = transaction;
  return (
    <TableFrame label="Line items">
      <table className="table">
        <caption className="visually-hidden">Line items</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {transaction.items.map((item) => (
            <tr key={item.position}>
              <td>
                {item.productName}
                {item.nickname && <span className="muted"> · {item.nickname}</span>}
              </td>
              <td className="num">{item.quantity}</td>
              <td className="num">{formatMoney(item.unitAmount, currency)}</td>
              <td className="num">{formatMoney(item.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">
              <strong>{formatMoney(transaction.amount, currency)}</strong>
            </td>
          </tr>
          {transaction.amountRefunded > 0 && (
            <tr>
              <th scope="row" colSpan={3}>
                Refunded
              </th>
              <td className="num">−{formatMoney(transaction.amountRefunded, currency)}</td>
            </tr>
          )}
        </tfoot>
      </table>
    </TableFrame>
  );
}
